// The home page's place finder: a county, city or agency by name, answered as the reader types, each answer a link to
// its page. The index (places.json, written by scripts/site/places_index.py: every state, county and 287(g) agency)
// is fetched the first time the box is focused, never on page load, so the home page stays small. A city is found
// through the agencies named after it ("Mesa Police Department"). The box is in the page from its first paint (nothing
// moves when this script starts); without JavaScript, "Go" leads to the list of states.
(function () {
  "use strict";
  var LIMIT = 8;
  var ORDER = {s: 0, c: 1, a: 2}; // states, then counties, then agencies

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setUp(form) {
    var input = form.querySelector("input");
    var list = form.querySelector(".place-finder__results");
    var status = form.querySelector(".place-finder__status");
    var base = form.getAttribute("data-base");
    var kinds = JSON.parse(form.getAttribute("data-kinds"));
    var words = JSON.parse(form.getAttribute("data-words"));
    var entries = null;
    var loading = null;

    function load() {
      if (!loading) {
        loading = fetch(form.getAttribute("data-index")).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        }).then(function (index) {
          entries = index.places.map(function (place) {
            var name = place[0];
            return {name: name, path: index.folders[place[2]] + place[1] + "/", kind: place[2],
                    words: fold(name).split(/[^a-z0-9]+/).filter(Boolean), folded: fold(name)};
          });
          show();
        }).catch(function () {
          loading = null;
          status.textContent = words.failed;
        });
      }
      return loading;
    }

    function matches(query) {
      var wanted = fold(query).split(/[^a-z0-9]+/).filter(Boolean);
      if (!wanted.length || !entries) return [];
      var found = entries.filter(function (entry) {
        return wanted.every(function (w) {
          return entry.words.some(function (word) { return word.lastIndexOf(w, 0) === 0; });
        });
      });
      var start = fold(query).trim();
      found.sort(function (a, b) {
        return (ORDER[a.kind] - ORDER[b.kind]) ||
               ((b.folded.lastIndexOf(start, 0) === 0) - (a.folded.lastIndexOf(start, 0) === 0)) ||
               (a.name.length - b.name.length) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      });
      return found;
    }

    function show() {
      var query = input.value;
      list.textContent = "";
      if (!query.trim()) {
        status.textContent = "";
        return;
      }
      if (!entries) {
        status.textContent = words.loading;
        return;
      }
      var found = matches(query);
      found.slice(0, LIMIT).forEach(function (entry) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = base + entry.path;
        link.textContent = entry.name;
        var kind = document.createElement("span");
        kind.className = "place-finder__kind";
        kind.textContent = " · " + kinds[entry.kind];
        item.appendChild(link);
        item.appendChild(kind);
        list.appendChild(item);
      });
      status.textContent = found.length ? words.found.replace("%(count)s", found.length) : words.none;
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", show);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) {
        window.location.href = first.href;
      } else {
        load().then(function () {
          var again = list.querySelector("a");
          if (again) window.location.href = again.href;
        });
      }
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var first = list.querySelector("a");
        if (first) {
          event.preventDefault();
          first.focus();
        }
      }
    });
    list.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" && at + 1 < links.length) {
        event.preventDefault();
        links[at + 1].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        (at ? links[at - 1] : input).focus();
      }
    });
  }

  var forms = document.querySelectorAll(".place-finder");
  for (var i = 0; i < forms.length; i++) setUp(forms[i]);
})();
