// Search: a dialog over Pagefind's index (built by scripts/site/search_index.py into pagefind/). Nothing of the index is
// fetched until the reader opens the dialog (the header button, or "/"): then Pagefind's script, and for each query
// only the chunks of the index that hold its words. Results show each page's kind, title and excerpt, filterable by
// kind. Everything from the index is put in the page as text; only Pagefind's <mark> around the matched words
// becomes markup, made here with createElement.
(function () {
  "use strict";
  // Results shown at first, and added by each "More results": every result shown fetches its page's fragment (a
  // long briefing's is 20 KB), so the first query stays small.
  var LIMIT = 8;
  // Pagefind weighs a match in a page's title 5 times a match in its text. Record pages of the kinds that rank first
  // (search_boost in scripts/records/registry.py: N times) repeat their title in a field title_xN (scripts/site/templates/
  // record.html.j2), weighed here so that their title counts N times as much as another page's.
  var META_WEIGHTS = { title: 5 };
  for (var times = 2; times <= 10; times++) META_WEIGHTS["title_x" + times] = 5 * (times - 1);
  // The dialog's messages in the page's language (<html lang>); Pagefind picks the index of that language too, so a
  // Spanish page searches only the Spanish pages.
  var TEXTS = {
    en: { failedLoad: "Search could not be loaded. Check the connection and try again.", loading: "Loading search…",
          failed: "Search failed. Try again.", more: "More results ({left} more)", page: "Page",
          among: " among {kind} pages", none: "No results for “{query}”{filtered}.", one: "1 result{filtered}.",
          all: "{total} results{filtered}.", some: "{total} results{filtered}; {count} shown." },
    es: { failedLoad: "No se pudo cargar la búsqueda. Revise la conexión e inténtelo de nuevo.",
          loading: "Cargando la búsqueda…", failed: "La búsqueda falló. Inténtelo de nuevo.",
          more: "Más resultados ({left} más)", page: "Página", among: " entre las páginas de tipo {kind}",
          none: "No hay resultados para «{query}»{filtered}.", one: "1 resultado{filtered}.",
          all: "{total} resultados{filtered}.", some: "{total} resultados{filtered}; se muestran {count}." }
  };
  var TEXT = TEXTS[(document.documentElement.lang || "en").slice(0, 2)] || TEXTS.en;
  function say(key, values) {
    return TEXT[key].replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }
  var script = document.currentScript;
  var dialog = document.getElementById("site-search");
  var opener = document.querySelector(".site-search-open");
  if (!script || !dialog || !opener || typeof dialog.showModal !== "function") return;
  var siteRoot = new URL("../", script.src); // this file is assets/search.js
  var input = document.getElementById("site-search-input");
  var kind = document.getElementById("site-search-kind");
  var status = document.getElementById("site-search-status");
  var list = document.getElementById("site-search-results");
  var closer = dialog.querySelector(".site-search__close");
  var loading = null;
  var returnFocus = null;
  var latest = 0;

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24, ranking: { metaWeights: META_WEIGHTS } })
          .then(function () { return pagefind; });
      });
      loading.catch(function () {
        loading = null;
        status.textContent = say("failedLoad", {});
      });
    }
    return loading;
  }

  // The kinds and their counts come from Pagefind's filter file, which grows with the number of records: fetched
  // only when the reader goes to the kind filter, not with every first search.
  var kindsLoaded = false;
  function loadKinds() {
    if (kindsLoaded) return;
    kindsLoaded = true;
    load().then(function (pagefind) { return pagefind.filters(); }).then(function (filters) {
      addKinds(filters.kind || {});
    }, function () { kindsLoaded = false; });
  }
  kind.addEventListener("focus", loadKinds);
  kind.addEventListener("pointerdown", loadKinds);

  function addKinds(counts) {
    Object.keys(counts).sort().forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = name + " (" + counts[name] + ")";
      kind.appendChild(option);
    });
  }

  function open() {
    returnFocus = document.activeElement;
    dialog.showModal();
    input.focus();
    input.select();
    load();
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  dialog.addEventListener("close", function () {
    if (returnFocus && typeof returnFocus.focus === "function") returnFocus.focus();
    returnFocus = null;
  });
  // Escape closes the dialog at once, also from the search field (which would otherwise first clear itself).
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) close(); // the backdrop
  });
  opener.addEventListener("click", open);
  closer.addEventListener("click", close);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.preventDefault();
    open();
  });

  function search() {
    var query = input.value.trim();
    var mine = ++latest;
    if (!query) {
      list.replaceChildren();
      moreButton.hidden = true;
      status.textContent = "";
      return;
    }
    if (!loading) status.textContent = say("loading", {});
    // Wait until the reader pauses: Pagefind's own debouncedSearch fetches the index chunks of every prefix typed
    // ("s", "se", "sec"...), which at ten times the records cost more than the query itself.
    clearTimeout(pause);
    pause = setTimeout(function () { run(query, mine); }, 300);
  }

  var pause = null;
  function run(query, mine) {
    if (mine !== latest) return;
    load().then(function (pagefind) {
      return pagefind.search(query, { filters: kind.value ? { kind: kind.value } : {} });
    }).then(function (found) {
      if (found === null || mine !== latest) return null; // a newer query replaced this one
      list.replaceChildren();
      return more(found, query, mine);
    }).catch(function () {
      if (mine === latest) status.textContent = say("failed", {});
    });
  }

  function more(found, query, mine) {
    var shown = list.children.length;
    var next = found.results.slice(shown, shown + LIMIT);
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
      if (mine !== latest) return;
      show(pages, shown, found.results.length, query);
      var left = found.results.length - list.children.length;
      moreButton.hidden = left <= 0;
      moreButton.textContent = say("more", { left: left });
      moreButton.onclick = function () {
        var first = list.children.length;
        more(found, query, mine).then(function () {
          var link = list.children[first] && list.children[first].querySelector("a");
          if (link) link.focus(); // on the first of the new results
        });
      };
    });
  }
  input.addEventListener("input", search);
  kind.addEventListener("change", search);

  var moreButton = document.createElement("button");
  moreButton.type = "button";
  moreButton.className = "md-button site-search__more";
  moreButton.hidden = true;
  list.after(moreButton);

  function show(pages, shown, total, query) {
    var items = pages.map(function (page) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.className = "site-search__link";
      link.href = page.url;
      var label = document.createElement("span");
      label.className = "site-search__result-kind";
      label.textContent = (page.meta && page.meta.kind) || say("page", {});
      var title = document.createElement("span");
      title.className = "site-search__title";
      title.textContent = (page.meta && page.meta.title) || page.url;
      link.append(label, " ", title);
      var excerpt = document.createElement("p");
      excerpt.className = "site-search__excerpt";
      appendExcerpt(excerpt, page.excerpt || "");
      item.append(link, excerpt);
      return item;
    });
    list.append.apply(list, items);
    var filtered = kind.value ? say("among", { kind: kind.options[kind.selectedIndex].value.toLowerCase() }) : "";
    var count = shown + items.length;
    var values = { query: query, filtered: filtered, total: total, count: count };
    if (total === 0) status.textContent = say("none", values);
    else if (total === count) status.textContent = say(total === 1 ? "one" : "all", values);
    else status.textContent = say("some", values);
  }

  // Pagefind's excerpt is the page's text with < and > escaped (&lt; &gt;; an & stays as it is) and <mark> around the
  // matched words: a <mark> in the text itself arrives as &lt;mark&gt;, so every real one is Pagefind's.
  function text(value) {
    return document.createTextNode(value.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
  }
  function appendExcerpt(into, excerpt) {
    excerpt.split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      if (part) {
        if (marked) {
          var mark = document.createElement("mark");
          mark.appendChild(text(part));
          into.appendChild(mark);
        } else {
          into.appendChild(text(part));
        }
      }
      return marked;
    }, false);
  }
})();
