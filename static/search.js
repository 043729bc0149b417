// Enhances /search/: starts Pagefind's UI (pagefind/pagefind-ui.js, loaded as
// a file before this one) with the bundle path and base URL the page was built
// for, and runs the query from ?q= so the header's search form lands on results.
// Without JavaScript the page's fallback text stays visible instead.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") {
    return;
  }
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: root.dataset.bundlePath,
    baseUrl: root.dataset.baseUrl,
    showSubResults: false,
    showImages: false
  });
  // Pagefind's input carries only a placeholder and title; name it by the
  // page's visible heading, so it has a visible label (axe: label-title-only).
  var input = root.querySelector("input");
  if (input) {
    input.setAttribute("aria-labelledby", "search-h");
  }
  document.getElementById("search-fallback").hidden = true;
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
})();
