// Copy buttons, added next to every element marked data-copy-label (a permanent link, each citation format): they
// copy the element's text (an inline one, the address of the record it links to), and say so. An empty label means
// the name in the <dt> before it.
// Without JavaScript the links and citations still show.
(function () {
  "use strict";
  // The buttons' words in the page's language (<html lang>); the label of what is copied comes from the page.
  var TEXTS = {
    en: {copy: "Copy", link: "link", text: "text", copied: "Copied", failed: "Press Ctrl+C to copy"},
    es: {copy: "Copiar", link: "enlace", text: "texto", copied: "Copiado", failed: "Pulse Ctrl+C para copiar"}
  };
  var TEXT = TEXTS[(document.documentElement.lang || "en").slice(0, 2)] || TEXTS.en;
  function report(button, ok) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.textContent = ok ? TEXT.copied : TEXT.failed;
    setTimeout(function () { button.textContent = label; }, 2000);
  }
  function copy(text, button) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { report(button, true); },
                                               function () { report(button, false); });
      return;
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    report(button, ok);
  }
  // An inline copy button sits by a link to a record: it copies the record's published address (the link resolved
  // against this page's canonical address), and its name comes from the record's heading.
  var canonical = document.querySelector('link[rel="canonical"]');
  function publishedAddress(link) {
    return new URL(link.getAttribute("href"), canonical ? canonical.href : location.href).href;
  }
  function headingOf(source) {
    var record = source.closest("article");
    var heading = record && record.querySelector("h1, h2, h3, h4");
    return heading ? heading.textContent.trim() : "";
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy-label]"), function (source) {
    var button = document.createElement("button");
    var inline = source.hasAttribute("data-copy-inline");
    button.type = "button";
    button.className = inline ? "copy-button link-button" : "md-button copy-button";
    var term = source.closest("dd") && source.closest("dd").previousElementSibling;
    var label = source.getAttribute("data-copy-label");
    button.textContent = TEXT.copy + " " + (label === "link" ? TEXT.link : label || (term ? term.textContent : TEXT.text));
    var name = inline ? headingOf(source) : "";
    if (name) button.setAttribute("aria-label", button.textContent + ": " + name);
    button.addEventListener("click", function () {
      copy(inline ? publishedAddress(source) : source.textContent, button);
    });
    var after = source.closest("pre") || source;
    after.insertAdjacentElement("afterend", button);
    if (inline) after.insertAdjacentText("afterend", " ");
  });
})();
