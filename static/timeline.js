// Progressive filters for the timeline page. Without this script the filter
// links lead to pre-built filtered pages; with it they filter the list in
// place, and the query string records the filter (?country=peru&kind=visit,
// ?context=hide) so a filtered view can be shared and survives a reload.
(function () {
  "use strict";
  var root = document.querySelector("[data-timeline-root]");
  var nav = document.querySelector("[data-timeline-filters]");
  if (!root || !nav || !window.history || !window.URLSearchParams) return;
  var FACETS = ["country", "person", "topic", "kind"];
  var events = Array.prototype.slice.call(root.querySelectorAll("li.event"));
  var groups = Array.prototype.slice.call(root.querySelectorAll(".year-group"));
  var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-facet]"));
  var status = nav.querySelector("[data-filter-status]");
  var heading = root.querySelector("h2");
  var allHeading = heading.textContent;
  // What an empty selection says: made here, as only the script can select nothing.
  var empty = document.createElement("div");
  empty.className = "empty-selection";
  empty.setAttribute("data-empty", "");
  empty.hidden = true;
  var note = document.createElement("p");
  note.textContent = "No events match this selection.";
  var clear = document.createElement("button");
  clear.type = "button";
  clear.textContent = "Clear the filters";
  clear.addEventListener("click", function () {
    window.history.pushState(null, "", address({}));
    apply({});
  });
  empty.appendChild(note);
  empty.appendChild(clear);
  heading.parentNode.insertBefore(empty, heading.nextSibling);

  function readFilter() {
    var params = new URLSearchParams(window.location.search);
    var filter = {};
    FACETS.forEach(function (f) { if (params.get(f)) filter[f] = params.get(f); });
    if (params.get("context") === "hide") filter.context = "hide";
    return filter;
  }

  function matches(li, filter) {
    if (filter.context === "hide" && li.getAttribute("data-context") === "true") return false;
    return FACETS.every(function (f) {
      return !filter[f] || (li.getAttribute("data-" + f) || "").split(" ").indexOf(filter[f]) !== -1;
    });
  }

  function isActive(link, filter) {
    var facet = link.getAttribute("data-facet");
    if (facet === "all") return Object.keys(filter).length === 0;
    return filter[facet] === link.getAttribute("data-value");
  }

  function apply(filter) {
    var shown = 0;
    events.forEach(function (li) {
      li.hidden = !matches(li, filter);
      if (!li.hidden) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("li.event:not([hidden])");
    });
    var active = [];
    links.forEach(function (link) {
      if (isActive(link, filter)) {
        link.setAttribute("aria-current", "true");
        var details = link.closest("details");
        if (details) details.open = true;   // a restored filter stays in sight
        if (link.getAttribute("data-facet") !== "all") active.push(link.textContent.trim());
      } else {
        link.removeAttribute("aria-current");
      }
    });
    status.textContent = "Showing " + shown + " of " + events.length + " events" +
      (active.length ? " (" + active.join(", ") + ")." : ".");
    heading.textContent = Object.keys(filter).length ? "Events matching the filter" : allHeading;
    empty.hidden = shown !== 0;
    updateCounts(filter);
  }

  // Each choice's count is what it would show combined with the rest of the
  // current filter; a choice that would show nothing is marked.
  function updateCounts(filter) {
    links.forEach(function (link) {
      var facet = link.getAttribute("data-facet");
      if (facet === "all") return;
      var would = {};
      Object.keys(filter).forEach(function (key) { would[key] = filter[key]; });
      would[facet] = link.getAttribute("data-value");
      var count = events.filter(function (li) { return matches(li, would); }).length;
      var meta = link.parentNode.querySelector(".meta");
      if (meta) meta.textContent = count;
      link.classList.toggle("gives-none", count === 0);
      if (count === 0) link.setAttribute("title", "No events with the current filters");
      else link.removeAttribute("title");
    });
  }

  function address(filter) {
    var params = new URLSearchParams();
    Object.keys(filter).forEach(function (key) { params.set(key, filter[key]); });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  nav.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-facet]");
    if (!link) return;
    event.preventDefault();
    var filter = readFilter();
    var facet = link.getAttribute("data-facet");
    var value = link.getAttribute("data-value");
    if (facet === "all") filter = {};
    else if (filter[facet] === value) delete filter[facet];   // a second click clears it
    else filter[facet] = value;
    window.history.pushState(null, "", address(filter));
    apply(filter);
  });
  window.addEventListener("popstate", function () { apply(readFilter()); });
  nav.classList.add("enhanced");
  apply(readFilter());
})();
