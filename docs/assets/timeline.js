// Timeline filter: show events of one program and/or type. The choice lives in the URL (?program=…&type=…), so a
// filtered view can be shared, bookmarked and reloaded. Without JavaScript every event stays visible.
(function () {
  "use strict";
  // A renamed event's old anchor (#old-id) leads to its entry under the new id (data/redirects.yaml).
  var moved = document.getElementById("timeline-redirects");
  if (moved && window.location.hash) {
    var renamed = JSON.parse(moved.getAttribute("data-redirects") || "{}");
    var old = decodeURIComponent(window.location.hash.slice(1));
    if (renamed[old]) {
      history.replaceState(null, "", window.location.pathname + window.location.search + "#" + renamed[old]);
      var entry = document.getElementById(renamed[old]);
      if (entry) entry.scrollIntoView();
    }
  }
  var form = document.getElementById("timeline-filter");
  if (!form) return;
  var program = form.elements.program;
  var type = form.elements.type;
  var status = document.getElementById("filter-status");
  var events = Array.prototype.slice.call(document.querySelectorAll("article.event"));
  var years = Array.prototype.slice.call(document.querySelectorAll("section.year"));

  function known(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; }) ? value : "";
  }

  function apply() {
    var p = program.value, t = type.value, shown = 0;
    events.forEach(function (event) {
      var programs = (event.getAttribute("data-programs") || "").split(" ");
      var visible = (!p || programs.indexOf(p) !== -1) && (!t || event.getAttribute("data-type") === t);
      event.hidden = !visible;
      if (visible) shown += 1;
    });
    years.forEach(function (year) {
      year.hidden = !year.querySelector("article.event:not([hidden])");
    });
    status.textContent = (p || t) ? "Showing " + shown + " of " + events.length + " events." : "";
  }

  function save() {
    var params = new URLSearchParams(window.location.search);
    [["program", program.value], ["type", type.value]].forEach(function (pair) {
      if (pair[1]) params.set(pair[0], pair[1]); else params.delete(pair[0]);
    });
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  var params = new URLSearchParams(window.location.search);
  program.value = known(program, params.get("program") || "");
  type.value = known(type, params.get("type") || "");
  form.hidden = false;
  form.addEventListener("change", function () { apply(); save(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { apply(); save(); }, 0);
  });
  apply();
})();
