// Enhances /search/: runs the query from ?q= (or typed into the header's box,
// which keeps it) with Pagefind's API (pagefind/pagefind.js, ranked with the
// options the page carries in data-ranking, bilateral/search.py), and lists the
// results in the list the page reserves, so nothing jumps as they arrive.
// A page whose name is the query comes first; a query with no result suggests
// the nearest names (the page's <datalist id="search-names">, or, on a site
// with too many names to carry in the page, the same list as a JSON file on
// this site, data-names-url: bilateral/searchnames.py).
// Without JavaScript the page's fallback text stays visible instead.
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
  var root = document.getElementById("search");
  var box = document.getElementById("site-search-q");     // the header's
  var own = document.getElementById("search-q");          // the page's
  if (!root || !box || !own) {
    return;
  }
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var fallback = document.getElementById("search-fallback");
  var names = [];
  var namesRead = readNames(document.getElementById("search-names"), root.dataset.namesUrl);
  var PAGE = 10;    // results listed
  var LOOK = 30;    // results read, so a page the query names is found among them
  var pagefind = null;
  var latest = 0;

  fallback.hidden = true;
  box.setAttribute("list", "search-names");
  own.setAttribute("list", "search-names");

  // Folded for comparison only: case, accents and the Azerbaijani letters that
  // bilateral/spelling.py's rules also fold (ə, ı, İ).
  function fold(text) {
    return text.toLowerCase().replace(/ə/g, "a").replace(/ı/g, "i")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[’']s\b/g, "");
  }

  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
  }

  // One named page as the ranking and the suggestions read it.
  function nameEntry(title, href, kind, own, variants) {
    var all = {};
    own.concat(variants).forEach(function (name) {
      words(name).forEach(function (w) { all[w] = true; });
    });
    return {title: title, href: href, kind: kind, names: own, words: all,
            lengths: own.map(function (n) { return words(n).length; })};
  }

  // The names, once read (a promise): the page's <datalist>, else the file it
  // links, whose titles then fill a <datalist> made here, so the boxes offer
  // the same completions. A file that fails to load leaves search without them.
  function readNames(datalist, url) {
    if (datalist) {
      return Promise.resolve(Array.prototype.map.call(datalist.options, function (option) {
        return nameEntry(option.value, option.dataset.href, option.dataset.kind,
                         option.dataset.names.split("|"),
                         option.dataset.variants ? option.dataset.variants.split("|") : []);
      })).then(keep);
    }
    if (!url) {
      return Promise.resolve([]);
    }
    return fetch(url).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ": " + response.status);
      }
      return response.json();
    }).then(function (records) {
      var made = document.createElement("datalist");
      made.id = "search-names";
      records.forEach(function (r) {
        var option = document.createElement("option");
        option.value = r.title;
        made.appendChild(option);
      });
      root.parentNode.insertBefore(made, root.nextSibling);
      return keep(records.map(function (r) {
        return nameEntry(r.title, r.href, r.kind, r.names, r.variants);
      }));
    }).catch(function () {
      return [];
    });
  }

  function keep(read) {
    names = read;
    return read;
  }

  // How closely a query names an entity: 0 when it is one of its names (every
  // word, in any spelling, and as many words), 1 when every word is one of its
  // name's words ("Mammadov" for Elnur Mammadov), else none.
  function nameTier(query, entity) {
    var q = words(query);
    if (!q.length || !q.every(function (w) { return entity.words[w]; })) {
      return null;
    }
    return entity.lengths.indexOf(q.length) >= 0 ? 0 : 1;
  }

  function named(query) {
    return names.map(function (entity) { return {entity: entity, tier: nameTier(query, entity)}; })
      .filter(function (m) { return m.tier !== null; })
      .sort(function (a, b) { return a.tier - b.tier; });
  }

  // Pagefind's results, but the pages the query names first (tier 0, then 1),
  // each in Pagefind's order; a named page Pagefind did not rank this high is
  // still listed, by its name.
  function order(query, loaded) {
    var matches = named(query);
    var first = [];
    matches.forEach(function (m) {
      var hit = loaded.filter(function (r) { return r.url === m.entity.href; })[0];
      first.push(hit || {url: m.entity.href, meta: {title: m.entity.title, kind: m.entity.kind}, excerpt: ""});
    });
    var taken = first.map(function (r) { return r.url; });
    return first.concat(loaded.filter(function (r) { return taken.indexOf(r.url) < 0; }));
  }

  // Pagefind's excerpt is escaped text with <mark> around matches: copy only
  // its text and <mark> elements, so nothing else from it can reach the page.
  function excerpt(html) {
    var p = document.createElement("p");
    p.className = "search-excerpt";
    var template = document.createElement("template");
    template.innerHTML = html;
    Array.prototype.forEach.call(template.content.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function render(results) {
    list.textContent = "";
    results.forEach(function (r) {
      var item = document.createElement("li");
      item.className = "search-result";
      var link = document.createElement("a");
      link.className = "search-result-link";
      link.href = r.url;
      link.textContent = r.meta.title;
      item.appendChild(link);
      if (r.meta.kind) {
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = " " + r.meta.kind;
        item.appendChild(kind);
      }
      if (r.excerpt) {
        item.appendChild(excerpt(r.excerpt));
      }
      list.appendChild(item);
    });
  }

  // Nearest names by edit distance, for a query that finds nothing.
  function distance(a, b) {
    var row = [];
    for (var j = 0; j <= b.length; j++) { row.push(j); }
    for (var i = 1; i <= a.length; i++) {
      var prev = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var here = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = here;
      }
    }
    return row[b.length];
  }

  function nearest(query) {
    var q = fold(query).trim();
    return names.map(function (entity) {
      var best = Infinity;
      Object.keys(entity.words).concat(entity.names.map(fold)).forEach(function (w) {
        best = Math.min(best, distance(q, w));
      });
      return {entity: entity, d: best};
    }).filter(function (m) { return m.d <= Math.max(2, Math.floor(q.length / 3)); })
      .sort(function (a, b) { return a.d - b.d || a.entity.title.localeCompare(b.entity.title); })
      .slice(0, 3).map(function (m) { return m.entity; });
  }

  function suggest(query) {
    var near = nearest(query);
    status.textContent = t("no-match", "No page matches \u201c{query}\u201d.", {query: query});
    if (near.length) {
      status.appendChild(document.createTextNode(" " + t("did-you-mean", "Did you mean") + " "));
      near.forEach(function (entity, i) {
        var link = document.createElement("a");
        link.href = entity.href;
        link.textContent = entity.title;
        status.appendChild(link);
        status.appendChild(document.createTextNode(i < near.length - 1 ? ", " : "?"));
      });
    }
  }

  function load() {
    if (!pagefind) {
      pagefind = import(root.dataset.bundlePath + "pagefind.js").then(function (pf) {
        return pf.options({baseUrl: root.dataset.baseUrl, ranking: JSON.parse(root.dataset.ranking)})
          .then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function run(query) {
    var ticket = ++latest;
    query = query.trim();
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    status.textContent = t("searching", "Searching\u2026");
    Promise.all([load(), namesRead]).then(function (ready) {
      return ready[0].search(query);
    }).then(function (search) {
      return Promise.all(search.results.slice(0, LOOK).map(function (r) { return r.data(); }));
    }).then(function (loaded) {
      if (ticket !== latest) {
        return;
      }
      var results = order(query, loaded).slice(0, PAGE);
      render(results);
      if (results.length) {
        status.textContent = (results.length === 1 ? t("pages-one", "{count} page", {count: 1})
                                                   : t("pages-other", "{count} pages", {count: results.length})) +
          (loaded.length > PAGE ? t("the-best", " (the best {count})", {count: PAGE}) : "") +
          t("for-query", " for \u201c{query}\u201d.", {query: query});
      } else {
        suggest(query);
      }
    });
  }

  var timer = null;
  [box, own].forEach(function (input) {
    var other = input === box ? own : box;
    input.addEventListener("input", function () {
      other.value = input.value;
      clearTimeout(timer);
      timer = setTimeout(function () {
        history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
        run(input.value);
      }, 200);
    });
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      other.value = input.value;
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      run(input.value);
    });
  });

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    box.value = query;
    own.value = query;
    run(query);
  }
})();
