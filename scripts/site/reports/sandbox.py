"""Briefing templates are data: anyone may propose one in a pull request, so rendering one must not run code, read
the machine, or take the build down. They are rendered in Jinja2's immutable sandbox, with:

- templates found only by name: the shared ones in scripts/site/templates/ first (a file in reports/ can never replace
  them), then ordinary files in reports/ (no symbolic links, no folders, at most MAX_TEMPLATE_BYTES);
- only the functions the briefing is given (and a few harmless string methods) callable: no other method of any
  object, no attribute starting with an underscore (the sandbox's own rule);
- a fixed budget of steps (attribute look-ups, calls, loop iterations) per rendering, and caps on numbers passed to
  functions and filters, on text and lists built by operators, and on the output, so no template can loop or grow
  without end. The limits are counts, not a clock, so a template passes or fails the same way on every machine;
- the output of a briefing's own template passed through an allowlist sanitiser (see briefing_output.py).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from jinja2 import BaseLoader, TemplateNotFound, nodes, pass_eval_context
from jinja2.filters import FILTERS as _DEFAULT_FILTERS
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.runtime import BlockReference, Macro, Namespace
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner

MAX_TEMPLATE_BYTES = 64 * 1024
MAX_STEPS = 2_000_000  # the largest real briefing takes under 3,000 (and 100 times its data, under 300,000)
MAX_NUMBER = 100_000  # the largest number a template may pass to a function or filter (Jinja's own range limit)
MAX_TEXT = 1_000_000  # characters in a string, or items in a list, that an operator or namespace may hold
MAX_OUTPUT = 20_000_000  # characters of HTML, charts (as data: URLs) included
MAX_TEMPLATE_NESTING = 50  # brackets inside each other in a template (Jinja's parser and Python's compiler recurse)
# A %-format width or precision of four digits or more, named (%(a)2000000000s) or not, or given by *.
_WIDE_FORMAT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d{4,}|\*)|%(?:\([^)]*\))?[-#0 +]*\d*\.(?:\d{4,}|\*)")
# Filters a briefing template may use: none of them builds output much larger than its input.
FILTERS = {"abs", "attr", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first", "float",
           "groupby", "int", "join", "last", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr",
           "replace", "reverse", "round", "select", "selectattr", "sort", "string", "striptags", "title", "trim",
           "truncate", "unique", "upper", "wordcount"}
STRING_METHODS = {"capitalize", "count", "endswith", "find", "isdigit", "lower", "lstrip", "rsplit", "rstrip", "split",
                  "startswith", "strip", "title", "upper"}
# Methods of the objects a briefing is given that its templates may call, by the object's class name.
METHODS = {"Dataset": {"get"}, "TrackedDataset": {"get"}, "References": {"entries"}, "Cycler": {"next", "reset"},
           "Language": {"gettext", "ngettext"}}  # the interface text: _("…") calls the language's gettext


class TemplateLimitError(SecurityError):
    """A briefing template did something a briefing may not do, or went past a limit."""


class _GuardedLoops(CodeGenerator):
    """Every {% for %} iterates through environment.guarded_iter, so each iteration costs a step; every `a ~ b`
    checks the size of what it would join before joining it."""

    def visit_For(self, node: nodes.For, frame) -> None:  # noqa: N802 (Jinja's visitor name)
        guarded = nodes.Call(nodes.EnvironmentAttribute("guarded_iter"), [node.iter], [], None, None,
                             lineno=node.lineno)
        node = nodes.For(node.target, guarded, node.body, node.else_, node.test, node.recursive, lineno=node.lineno)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame) -> None:  # noqa: N802
        join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        self.write(f"{join}(environment.checked_parts((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write(")))")


class BoundedNamespace(Namespace):
    """namespace() whose attributes cannot hold text or lists past MAX_TEXT (doubling a string in a loop)."""

    def __setitem__(self, name, value):
        _check_size(value)
        super().__setitem__(name, value)


def _check_size(value) -> None:
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_TEXT:
        raise TemplateLimitError(f"a value of {len(value):,} characters or items is more than a briefing template may "
                                 f"build (at most {MAX_TEXT:,})")


def _check_number(value) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
        raise TemplateLimitError(f"the number {value if abs(value) < 10**30 else 'given'} is larger than a briefing "
                                 f"template may use (at most {MAX_NUMBER:,})")


def _replace(eval_ctx, value, old, new, count=None):
    text = str(value)
    old, new = str(old), str(new)
    occurrences = len(text) + 1 if old == "" else text.count(old)
    _check_number(count)
    if len(new) > len(old) and min(occurrences, count or occurrences) * (len(new) - len(old)) > MAX_TEXT:
        raise TemplateLimitError(f"replace would build more than {MAX_TEXT:,} characters")
    return _DEFAULT_FILTERS["replace"](eval_ctx, value, old, new, count)


def _join(eval_ctx, value, separator="", attribute=None):
    items = list(value)
    if len(str(separator)) * len(items) > MAX_TEXT:
        raise TemplateLimitError(f"join would build more than {MAX_TEXT:,} characters")
    return _DEFAULT_FILTERS["join"](eval_ctx, items, separator, attribute)


def _limited_filter(function: Callable) -> Callable:
    """A filter that refuses large numbers among its arguments (the value filtered is data and may be anything)."""
    def limited(*args, **kwargs):
        skip = 2 if getattr(function, "jinja_pass_arg", None) is not None else 1
        for argument in [*args[skip:], *kwargs.values()]:
            _check_number(argument)
        return function(*args, **kwargs)
    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(limited, attribute, getattr(function, attribute))
    return limited


class BriefingEnvironment(ImmutableSandboxedEnvironment):
    code_generator_class = _GuardedLoops
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, *, allowed: Iterable[Callable] = (), **options):
        super().__init__(**options)
        self.filters = {name: _limited_filter(f) for name, f in self.filters.items() if name in FILTERS}
        self.filters["replace"] = _limited_filter(pass_eval_context(_replace))
        self.filters["join"] = _limited_filter(pass_eval_context(_join))
        self.tests = dict(self.tests)
        self.globals = {"namespace": BoundedNamespace, "range": self.globals["range"], "dict": dict,
                        "cycler": Cycler, "joiner": Joiner}
        # {id: object}: the objects are kept, so no other object can take one of their ids while this lives
        self._allowed: dict[int, object] = {id(f): f for f in [*allowed, *self.globals.values()]}
        self.steps = 0
        self._given: dict[int, object] = {}

    def add_filters(self, filters: dict[str, Callable]) -> None:
        """The site's own filters (markdown, date...): trusted functions of one value."""
        self.filters.update({name: _limited_filter(f) for name, f in filters.items()})

    def add_globals(self, values: dict) -> None:
        self.globals.update(values)
        self._allowed.update({id(v): v for v in values.values() if callable(v)})

    def start_rendering(self, context: dict) -> None:
        """A new budget, and the functions this rendering is given as the only other ones it may call."""
        self.steps = 0
        self._given = {id(v): v for v in context.values() if callable(v)}

    def checked_parts(self, parts: tuple) -> tuple:
        self._step()
        if sum(len(p) if isinstance(p, str) else 64 for p in parts) > MAX_TEXT:
            raise TemplateLimitError(f"joining these with ~ would build more than {MAX_TEXT:,} characters")
        return parts

    def _step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TemplateLimitError(f"the template took more than {MAX_STEPS:,} steps (loops, look-ups and calls); "
                                     f"a briefing template must not loop without end or over so much")

    def guarded_iter(self, iterable):
        for item in iterable:
            self._step()
            yield item

    def getattr(self, obj, attribute):
        self._step()
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        self._step()
        return super().getitem(obj, argument)

    def is_safe_callable(self, obj) -> bool:
        if not super().is_safe_callable(obj):
            return False
        if id(obj) in self._allowed or id(obj) in self._given or isinstance(obj, (Macro, BlockReference, Joiner)):
            return True
        owner = getattr(obj, "__self__", None)
        name = getattr(obj, "__name__", "")
        if owner is None or inspect.isclass(owner):
            return False
        if isinstance(owner, str):
            return name in STRING_METHODS
        return name in METHODS.get(type(owner).__name__, set())

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        if getattr(__obj, "__func__", None) is BriefingEnvironment.guarded_iter and __obj.__self__ is __self:
            return __self.guarded_iter(*args)  # a {% for %}, as _GuardedLoops writes it
        __self._step()
        if not __self.is_safe_callable(__obj):
            raise TemplateLimitError(f"{_callable_name(__obj)} cannot be called from a briefing template; use the "
                                     f"functions listed in reports/README.md")
        for argument in [*args, *kwargs.values()]:
            _check_number(argument)
            _check_size(argument)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator, left, right):
        self._step()
        for value in (left, right):
            other = left if value is right else right
            if isinstance(value, (str, list, tuple)) and operator in ("*", "%") and isinstance(other, int):
                _check_number(other)
                if operator == "*" and len(value) * max(other, 0) > MAX_TEXT:  # refused before it is built
                    raise TemplateLimitError(f"multiplying would build {len(value) * other:,} characters or items; "
                                             f"a briefing template may build at most {MAX_TEXT:,}")
        if operator == "**":
            _check_number(right)
            if isinstance(left, int) and isinstance(right, int) and right > 0 and left.bit_length() * right > 4096:
                raise TemplateLimitError("the power is larger than a briefing template may compute")
        if operator == "%" and isinstance(left, str):
            if _WIDE_FORMAT.search(left):
                raise TemplateLimitError("a format width or precision of more than three digits is not allowed")
            values = right.values() if isinstance(right, dict) else right if isinstance(right, tuple) else (right,)
            if len(left) + left.count("%") * (999 + max((len(v) for v in values if isinstance(v, str)), default=64)) \
                    > MAX_TEXT:  # each %-field prints at most one value, padded to at most 999 characters
                raise TemplateLimitError(f"this format could build more than {MAX_TEXT:,} characters")
        result = super().call_binop(context, operator, left, right)
        _check_size(result)
        return result


def _callable_name(obj) -> str:
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None) or type(obj).__name__
    return f'"{name}"'


class BriefingLoader(BaseLoader):
    """The shared templates by name, then a briefing's own templates: ordinary files directly in reports/ whose names
    end in .html.j2. A file in reports/ with a shared template's name is never read (validation refuses it)."""

    def __init__(self, shared: BaseLoader, reports_dir: Path, suffix: str):
        self.shared = shared
        self.reports_dir = Path(reports_dir)
        self.suffix = suffix

    def get_source(self, environment, template: str):
        try:
            return self.shared.get_source(environment, template)
        except TemplateNotFound:
            pass
        path = self.reports_dir / template
        problem = own_template_problem(self.reports_dir, template, self.suffix)
        if problem:
            raise TemplateNotFound(template, problem)
        source = path.read_bytes().decode("utf-8", errors="replace")
        if (line := too_deep_line(source)) is not None:
            raise TemplateSyntaxError(f"brackets are nested more than {MAX_TEMPLATE_NESTING} levels deep; write the "
                                      "expression in steps with {% set %}", line, template, str(path))
        return source, str(path), lambda: False


def too_deep_line(source: str) -> int | None:
    """The line where the template's brackets ( [ { first nest past MAX_TEMPLATE_NESTING, or None: checked before
    Jinja parses it (its parser recurses once per bracket; 3,000 exhaust Python's stack)."""
    depth = 0
    for match in re.finditer(r"[(\[{]|[)\]}]", source):
        depth = depth + 1 if match.group() in "([{" else max(depth - 1, 0)
        if depth > MAX_TEMPLATE_NESTING:
            return source.count("\n", 0, match.start()) + 1
    return None


def own_template_problem(reports_dir: Path, name: str, suffix: str) -> str | None:
    """Why `name` cannot be a briefing's own template in reports_dir, or None."""
    path = Path(reports_dir) / name
    if (not name.endswith(suffix) or "/" in name or "\\" in name or name.startswith(".")
            or "\0" in name):
        return f'"{name}" is not a template name: name a {suffix} file directly in reports/'
    if path.is_symlink():
        return (f"reports/{name} is a symbolic link; a briefing template must be an ordinary file in reports/ "
                f"(copy the template's text into it)")
    if not path.is_file():
        return f'no template "{name}" in reports/'
    if path.stat().st_size > MAX_TEMPLATE_BYTES:
        return f"reports/{name} is larger than {MAX_TEMPLATE_BYTES // 1024} KB; a briefing template must be shorter"
    return None


def template_line(error: BaseException, filename: str) -> int:
    """The line of `filename` (a template file) where the error happened, from Jinja's rewritten traceback."""
    line = getattr(error, "lineno", None) if getattr(error, "filename", None) == filename else None
    traceback = error.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == filename:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line or 1


def render_limited(template, context: dict) -> str:
    """The template rendered in its environment's budget, refusing output past MAX_OUTPUT."""
    environment = template.environment
    environment.start_rendering(context)
    parts, size = [], 0
    for part in template.generate(**context):
        size += len(part)
        if size > MAX_OUTPUT:
            raise TemplateLimitError(f"the template wrote more than {MAX_OUTPUT:,} characters")
        parts.append(part)
    return "".join(parts)
