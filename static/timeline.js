// Progressive filters for the timeline page. Without this script the filter
// links lead to pre-built filtered pages; with it they filter the list in
// place, and the query string records the filter (?country=peru&kind=visit,
// ?context=hide) so a filtered view can be shared and survives a reload.
//
// Sub-events are nested under their larger event (li.event inside
// details.parts). Every li.event is one event and is filtered on its own: a
// sub-event that matches shows even when its larger event does not, which
// then shows as context (marked, and not counted). Counts count events, not
// rows. The year strip above the list dims the marks of events outside the
// selection and redraws each country's circles for the events it keeps.
//
// A long timeline is split into pages by year (bilateral/paginate.py; its
// pages are listed in nav[data-pages]). There a filter reaches across the
// split: the first time one is set, the other pages are fetched (same
// site) and their rows added, hidden again while no filter is set, so the
// selection, its counts and the shareable query string cover the whole
// timeline, never just the page at hand.
(function () {
  "use strict";
  var root = document.querySelector("[data-timeline-root]");
  var nav = document.querySelector("[data-timeline-filters]");
  if (!root || !nav || !window.history || !window.URLSearchParams) return;
  var FACETS = ["country", "person", "topic", "kind"];
  // The page's words for what this script writes (<body data-ui>, in a page
  // in another language than English; bilateral/labels.py), else the English.
  var ui = JSON.parse(document.body.getAttribute("data-ui") || "{}");
  function t(key, english, values) {
    return (ui[key] || english).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }
  var events = Array.prototype.slice.call(root.querySelectorAll("li.event"));
  var groups = Array.prototype.slice.call(root.querySelectorAll(".year-group"));
  var own = events;           // this page's events; `events` grows with the other pages'
  var pagesNav = document.querySelector("nav[data-pages]");
  var pageLinks = pagesNav ? Array.prototype.slice.call(pagesNav.querySelectorAll("ol a[href]")) : [];
  var loaded = !pagesNav;     // whether `events` holds every page's
  var loading = null;
  var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-facet]"));
  var status = nav.querySelector("[data-filter-status]");
  var heading = root.querySelector("h2");
  var allHeading = heading.textContent;
  // Each row that nests related events: its <details>, its summary's own
  // words, the events nested in it, and a note shown when it stands as context.
  function nestingOf(lis) { return lis.filter(function (li) { return li.querySelector(":scope > details.parts"); })
    .map(function (li) {
      var details = li.querySelector(":scope > details.parts");
      var summary = details.querySelector("summary");
      var note = document.createElement("span");
      note.className = "context-note";
      note.textContent = t("tl-outside", "Outside the selection: shown for its related events that match.");
      note.hidden = true;
      li.insertBefore(note, details);
      return {li: li, details: details, summary: summary, words: summary.textContent, note: note,
              parts: Array.prototype.slice.call(details.querySelectorAll("li.event"))};
    }); }
  var nesting = nestingOf(events);
  var strip = document.querySelector("svg.timestrip[data-unit]");
  // What an empty selection says: made here, as only the script can select nothing.
  var empty = document.createElement("div");
  empty.className = "empty-selection";
  empty.setAttribute("data-empty", "");
  empty.hidden = true;
  var note = document.createElement("p");
  note.textContent = t("tl-none", "No events match this selection.");
  var clear = document.createElement("button");
  clear.type = "button";
  clear.textContent = t("tl-clear", "Clear the filters");
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

  // The other pages' rows, fetched once, in page order around this page's,
  // hidden while no filter is set; then `done`.
  function loadPages(done) {
    if (loaded) return done();
    if (loading) { loading.push(done); return; }
    loading = [done];
    status.textContent = pagesNav.getAttribute("data-loading");
    var here = pageLinks.filter(function (a) { return a.hasAttribute("aria-current"); })[0];
    var order = pageLinks.indexOf(here);
    Promise.all(pageLinks.map(function (a, i) {
      if (i === order) return null;
      return fetch(a.href).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      });
    })).then(function (texts) {
      var before = root.querySelector(".year-group");
      var section = before.parentNode;
      texts.forEach(function (text, i) {
        if (text === null) return;
        var doc = new DOMParser().parseFromString(text, "text/html");
        doc.querySelectorAll("[data-timeline-root] .year-group").forEach(function (group) {
          group.setAttribute("data-other-page", "");
          group.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
          var node = document.importNode(group, true);
          if (i < order) section.insertBefore(node, before);
          else section.appendChild(node);
        });
      });
      events = Array.prototype.slice.call(root.querySelectorAll("li.event"));
      groups = Array.prototype.slice.call(root.querySelectorAll(".year-group"));
      var added = events.filter(function (li) { return own.indexOf(li) === -1; });
      nesting = nesting.concat(nestingOf(added));
      added.forEach(function (li) { rowOf[li.querySelector(":scope > .what > a").getAttribute("href")] = li; });
      loaded = true;
    }, function () {
      status.textContent = pagesNav.getAttribute("data-failed");
    }).then(function () {
      var waiting = loading;
      loading = null;
      if (loaded) waiting.forEach(function (f) { f(); });
    });
  }

  function apply(filter) {
    var filtering = Object.keys(filter).length > 0;
    if (filtering && !loaded) return loadPages(function () { apply(readFilter()); });
    if (pagesNav) return applySplit(filter, filtering);
    applyTo(filter, filtering);
  }

  // A split timeline: filtered, every page's rows (the page list hidden, as
  // the selection spans them); unfiltered, this page's alone, as built.
  function applySplit(filter, filtering) {
    var all = events;
    if (!filtering) events = own;
    root.querySelectorAll("[data-other-page]").forEach(function (g) { g.hidden = !filtering; });
    document.querySelectorAll("nav.pager").forEach(function (n) { n.hidden = filtering; });
    applyTo(filter, filtering);
    if (!filtering) {
      status.textContent = t("tl-showing", "Showing {shown} of {total} events",
        {shown: own.length, total: pagesNav.getAttribute("data-total")}) + ".";
      links.forEach(function (link) {   // the counts as built: the whole timeline's
        var meta = link.parentNode.querySelector(".meta");
        if (meta && link.hasAttribute("data-built")) meta.textContent = link.getAttribute("data-built");
        link.classList.remove("gives-none");
        link.removeAttribute("title");
      });
    }
    events = all;
  }

  function applyTo(filter, filtering) {
    var hits = new Set(events.filter(function (li) { return matches(li, filter); }));
    // shown: what matches, and each event it is nested in
    events.forEach(function (li) { li.hidden = true; });
    hits.forEach(function (li) {
      for (var row = li; row && row.hidden; row = row.parentElement.closest("li.event")) row.hidden = false;
    });
    nesting.forEach(function (n) { showNesting(n, hits, filtering); });
    var shown = hits.size;
    groups.forEach(function (group) {
      if (!filtering && group.hasAttribute("data-other-page")) return;
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
    status.textContent = t("tl-showing", "Showing {shown} of {total} events", {shown: shown, total: events.length}) +
      (active.length ? " (" + active.join(", ") + ")." : ".");
    heading.textContent = Object.keys(filter).length ? t("tl-matching", "Events matching the filter") : allHeading;
    empty.hidden = shown !== 0;
    updateCounts(filter);
    if (strip) showOnStrip(hits, filtering);
  }

  // A row with related events: marked as context when only its related events
  // match; its list opened then (and closed again once the filter no longer
  // needs it), hidden when none of them match; its summary says how many match.
  function showNesting(n, hits, active) {
    var matched = hits.has(n.li);
    var inside = n.parts.filter(function (li) { return hits.has(li); }).length;
    var context = active && !matched && inside > 0;
    n.li.classList.toggle("as-context", context);
    n.note.hidden = !context;
    n.details.hidden = active && inside === 0;
    n.summary.textContent = active && inside < n.parts.length
      ? t("tl-parts-match", "{inside} of {total} related events match", {inside: inside, total: n.parts.length})
      : n.words;
    if (context) {
      if (!n.details.open) n.details.setAttribute("data-opened", "");
      n.details.open = true;
    } else if (n.details.hasAttribute("data-opened")) {
      n.details.removeAttribute("data-opened");
      n.details.open = false;
    }
  }

  // The strip: marks of events outside the selection dimmed, each country's
  // circles redrawn on the strip's scale for the events kept (gone at none),
  // and a line of the selection's count by year.
  var stripMarks = strip ? Array.prototype.slice.call(strip.querySelectorAll("a[data-year]:not([data-country])")) : [];
  var stripCells = strip ? Array.prototype.slice.call(strip.querySelectorAll("a[data-country]")) : [];
  var rowOf = {};
  events.forEach(function (li) { rowOf[li.querySelector(":scope > .what > a").getAttribute("href")] = li; });
  var stripStatus = document.createElement("p");
  stripStatus.className = "strip-status";
  stripStatus.setAttribute("data-strip-status", "");
  stripStatus.setAttribute("aria-live", "polite");
  if (strip) {   // after the figure: its caption stays its last child
    var figure = strip.closest("figure");
    figure.parentNode.insertBefore(stripStatus, figure.nextSibling);
  }
  stripCells.forEach(function (a) {
    var circle = a.querySelector("circle");
    a.setAttribute("data-label", a.getAttribute("aria-label"));
    a.setAttribute("data-r", circle.getAttribute("r"));
  });

  function showOnStrip(hits, active) {
    var kept = {};      // year -> events kept
    var inCell = {};    // "country year" -> events kept
    stripMarks.forEach(function (a) {
      var li = rowOf[a.getAttribute("href")];
      var keep = !li || hits.has(li);
      var year = a.getAttribute("data-year");
      a.classList.toggle("off", !keep);
      if (!keep) return;
      kept[year] = (kept[year] || 0) + 1;
      (li ? li.getAttribute("data-country") || "" : "").split(" ").forEach(function (country) {
        inCell[country + " " + year] = (inCell[country + " " + year] || 0) + 1;
      });
    });
    var unit = parseFloat(strip.getAttribute("data-unit"));
    stripCells.forEach(function (a) {
      var n = inCell[a.getAttribute("data-country") + " " + a.getAttribute("data-year")] || 0;
      var circle = a.querySelector("circle");
      a.classList.toggle("gone", active && n === 0);
      circle.setAttribute("r", active ? Math.max(2.5, Math.round(unit * Math.sqrt(n) * 10) / 10) : a.getAttribute("data-r"));
      var values = {country: a.getAttribute("data-name"), year: a.getAttribute("data-year"), count: n};
      var label = !active ? a.getAttribute("data-label") : n === 1
        ? t("tl-cell-one", "{country}, {year}: {count} event in the selection", values)
        : t("tl-cell-other", "{country}, {year}: {count} events in the selection", values);
      a.setAttribute("aria-label", label);
      a.querySelector("title").textContent = label;
    });
    var years = Object.keys(kept).sort();
    var total = years.reduce(function (sum, y) { return sum + kept[y]; }, 0);
    stripStatus.hidden = !active;
    stripStatus.textContent = !active ? "" : t("tl-strip", "In the selection: {kept} of {total} events on the strip",
      {kept: total, total: stripMarks.length}) + (years.length ? " (" + years.map(function (y) { return y + ": " + kept[y]; }).join(", ") + ")." : ".");
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
      if (count === 0) link.setAttribute("title", t("tl-gives-none", "No events with the current filters"));
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
  links.forEach(function (link) {
    var meta = link.parentNode.querySelector(".meta");
    if (meta) link.setAttribute("data-built", meta.textContent);
  });
  nav.classList.add("enhanced");
  apply(readFilter());
})();
