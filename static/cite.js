// Citation previews. Tapping, clicking or hovering a citation mark ([3]) opens
// a small box beside it with the note's quote, its source (title, kind, date,
// standpoint) and links to the full note and the source's page, so a fact can
// be checked without leaving one's place. Escape, a tap elsewhere or a second
// tap closes it and returns focus to the mark. Without this script a mark is
// a plain link to its note, and each note links back to its marks.
// "(inferred)" marks (an <abbr> whose title says why) become buttons that
// open their reason in the same box: touch screens show no tooltips.
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
  var box = null;      // the open preview
  var opener = null;   // the mark or button that opened it
  var hoverTimer = null;
  var canHover = window.matchMedia && window.matchMedia("(hover: hover) and (pointer: fine)").matches;

  function close(returnFocus) {
    if (!box) {
      return;
    }
    box.remove();
    box = null;
    if (opener) {
      opener.setAttribute("aria-expanded", "false");
      if (returnFocus) {
        opener.focus({preventScroll: true});
      }
    }
    opener = null;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  // Place the box under the mark (above it when there is no room below),
  // inside the viewport, in page coordinates: opening it never scrolls.
  function place(anchor) {
    var rect = anchor.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var height = window.innerHeight;
    var boxRect = box.getBoundingClientRect();
    var left = Math.min(Math.max(8, rect.left), width - boxRect.width - 8);
    var top = rect.bottom + 6;
    if (top + boxRect.height > height - 8 && rect.top - boxRect.height - 6 > 8) {
      top = rect.top - boxRect.height - 6;
    }
    box.style.left = Math.max(8, left) + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function open(anchor, content, label, focus) {
    close(false);
    opener = anchor;
    box = el("div", "cite-popover");
    box.id = "cite-popover";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", label);
    box.tabIndex = -1;
    box.appendChild(content);
    var shut = el("button", "cite-popover-close", "\u00d7");
    shut.type = "button";
    shut.setAttribute("aria-label", "Close");
    shut.addEventListener("click", function () { close(true); });
    box.appendChild(shut);
    box.addEventListener("mouseleave", leave);
    box.addEventListener("mouseenter", function () { clearTimeout(hoverTimer); });
    document.body.appendChild(box);
    anchor.setAttribute("aria-expanded", "true");
    anchor.setAttribute("aria-controls", "cite-popover");
    place(anchor);
    if (focus) {
      box.focus({preventScroll: true});
    }
  }

  // The preview of note N, copied from the note itself (the page's notes list).
  function notePreview(mark) {
    var id = mark.getAttribute("href").slice(1);
    var note = document.getElementById(id);
    if (!note) {
      return null;
    }
    var content = el("div", "cite-popover-body");
    var quote = note.querySelector(".note-quote");
    var source = note.querySelector(".note-source a");
    var facts = note.querySelector(".note-facts");
    var standpoint = note.querySelector(".note-standpoint");
    content.appendChild(el("blockquote", "cite-popover-quote", quote ? quote.textContent : ""));
    var from = el("p", "cite-popover-source");
    from.appendChild(document.createTextNode(t("source", "Source:") + " "));
    if (source) {
      from.appendChild(el("strong", "", source.textContent));
    }
    if (facts) {
      from.appendChild(document.createTextNode(" " + facts.textContent));
    }
    content.appendChild(from);
    if (standpoint) {
      content.appendChild(el("p", "cite-popover-standpoint", standpoint.textContent.trim()));
    }
    var links = el("p", "cite-popover-links");
    var full = el("a", "", t("full-note", "Full note {number}", {number: id.replace("note-", "")}));
    full.href = "#" + id;
    full.addEventListener("click", function () { close(false); });
    links.appendChild(full);
    if (source) {
      links.appendChild(document.createTextNode(" \u00b7 "));
      var page = el("a", "", t("source-page", "Source page"));
      page.href = source.getAttribute("href");
      links.appendChild(page);
    }
    content.appendChild(links);
    return content;
  }

  function openNote(mark, focus) {
    var content = notePreview(mark);
    if (content) {
      open(mark, content, t("citation", "Citation {number}", {number: mark.textContent.replace(/[\[\]]/g, "")}), focus);
    }
  }

  function leave() {
    if (!canHover) {
      return;
    }
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(function () {
      if (box && !box.contains(document.activeElement)) {
        close(false);
      }
    }, 300);
  }

  Array.prototype.forEach.call(document.querySelectorAll('sup.cite a[href^="#note-"]'), function (mark) {
    mark.setAttribute("aria-haspopup", "dialog");
    mark.setAttribute("aria-expanded", "false");
    mark.addEventListener("click", function (event) {
      event.preventDefault();
      if (opener === mark) {
        close(true);
      } else {
        openNote(mark, true);
      }
    });
    if (canHover) {
      mark.addEventListener("mouseenter", function () {
        clearTimeout(hoverTimer);
        hoverTimer = setTimeout(function () {
          if (opener !== mark) {
            openNote(mark, false);
          }
        }, 250);
      });
      mark.addEventListener("mouseleave", leave);
    }
  });

  // "(inferred)": the reason, on tap, in the same box.
  Array.prototype.forEach.call(document.querySelectorAll("abbr.inferred[title]"), function (abbr) {
    var reason = abbr.getAttribute("title");
    var button = el("button", "inferred-toggle", abbr.textContent);
    button.type = "button";
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      if (opener === button) {
        close(true);
        return;
      }
      open(button, el("p", "cite-popover-reason", reason), t("why-inferred", "Why this is inferred"), true);
    });
    abbr.replaceWith(button);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && box) {
      close(true);
    }
  });
  document.addEventListener("click", function (event) {
    if (box && !box.contains(event.target) && event.target !== opener && !(opener && opener.contains(event.target))) {
      close(false);
    }
  });
  window.addEventListener("resize", function () { close(false); });
})();
