"""Generated pages are rendered with a Markdown instance shared by the pages of a language (issue #33): each page's
HTML, table of contents, title, anchors and links are what MkDocs' own Page.render gives."""

from __future__ import annotations

import inspect

from mkdocs.structure.pages import Page

from scripts.site import mkdocs_markdown_reuse
from scripts.site.mkdocs_languages import language_of

from .conftest import make_project

def test_mkdocs_still_makes_its_markdown_instance_through_the_name_replaced():
    """Else every page gets an instance of its own again: still right, but the build is slower (issue #33)."""
    assert inspect.getsource(Page.render).count("markdown.Markdown(") == 1


def test_fixture_pages_render_as_with_a_markdown_instance_each(tmp_path, data_dir):
    """Every fixture page in both languages, generated (only its heading, as the hooks give it) and hand-written
    (admonitions, lists, links, anchors), one after the other through the shared instances, renders as through a
    fresh instance."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files, get_files

    from scripts.site.build_inputs import BuildInputs
    from scripts.site.generate import generate_pages
    from scripts.site.mkdocs_raw_pages import take_body

    project = make_project(tmp_path, data_dir)
    inputs = BuildInputs.of_project(project)
    pages = generate_pages(inputs.data_dir, **inputs.generation_arguments())
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins._current_plugin = "mkdocs_hooks"  # what File.generated records, set by MkDocs while a hook runs
    files = get_files(config)
    for path, content in sorted(pages.items()):
        files.append(File.generated(config, path, content=content))
    files = Files(list(files))
    markdown_pages = [file for file in files if file.is_documentation_page()]
    assert len(markdown_pages) > 100 and any(file.generated_by is None for file in markdown_pages)
    assert {language_of(file.url).code for file in markdown_pages} == {"en", "es"}
    for file in markdown_pages:
        permalink_title = language_of(file.url).gettext("Permanent link")
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = permalink_title
        own, shared = Page(None, file, config), Page(None, file, config)
        for page in (own, shared):
            page.read_source(config)
            if file.generated_by is not None:
                page.markdown = take_body(page.markdown, page)
        own.render(config, files)
        mkdocs_markdown_reuse.use_shared_markdown(shared)
        shared.render(config, files)
        assert shared.content == own.content, file.src_uri
        assert str(shared.toc) == str(own.toc) and shared.title == own.title, file.src_uri
        assert shared.present_anchor_ids == own.present_anchor_ids, file.src_uri
        assert shared.links_to_anchors == own.links_to_anchors, file.src_uri
    assert len(mkdocs_markdown_reuse._instances) >= 2  # one per language's permalink title
