// Page furniture for entity pages (issue 16), all optional: without this
// script the page reads the same, its reference sections closed.
// - Reference sections (citations, "mentioned in") start closed, for phones;
//   on a wide screen, and for printing, they open. A link to something inside
//   a closed one (a note, from a citation mark) opens it first.
// - "Cite this page": the citation as built gets the page's absolute address
//   (when the build did not know the site's address) and the reader's access
//   date, and a button copies it in one action.
(function () {
  "use strict";
  // The page's words for what this script writes (<body data-ui>, in a page
  // in another language than English; bilateral/labels.py), else the English.
  var ui = JSON.parse(document.body.getAttribute("data-ui") || "{}");
  function t(key, english, values) {
    return (ui[key] || english).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }
  var sections = document.querySelectorAll("details.reference");
  var wide = window.matchMedia("(min-width: 60rem)");

  function openAll() {
    Array.prototype.forEach.call(sections, function (d) { d.open = true; });
  }
  if (wide.matches) {
    openAll();
  }
  window.addEventListener("beforeprint", openAll);

  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var holder = target && target.closest("details.reference");
    if (holder && !holder.open) {
      holder.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  var text = document.getElementById("cite-this-text");
  var actions = document.getElementById("cite-this-actions");
  if (text && actions) {
    var here = window.location.origin + window.location.pathname;
    var built = text.textContent;
    var address = built.lastIndexOf(". ");
    var cited = (/^https?:\/\//.test(built.slice(address + 2)) ? built : built.slice(0, address + 2) + here);
    var lang = document.documentElement.lang;   // the page's language; English as the site writes dates
    var date = new Date().toLocaleDateString(!lang || lang === "en" ? "en-GB" : lang,
                                             {day: "numeric", month: "long", year: "numeric"});
    text.textContent = cited + ". " + t("accessed", "Accessed {date}.", {date: date});
    actions.hidden = false;
    var status = document.getElementById("cite-this-status");
    document.getElementById("cite-this-copy").addEventListener("click", function () {
      var done = function () { status.textContent = t("copied", "Copied."); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text.textContent).then(done, function () { select(); });
      } else {
        select();
      }
    });
  }

  function select() {
    var range = document.createRange();
    range.selectNodeContents(text);
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    document.getElementById("cite-this-status").textContent = t("selected", "Selected: copy it with your device's copy command.");
  }
})();
