// Served by `build.py serve` only, never part of the built site: reload the
// page when the preview server has rebuilt the site since this page was made.
(function () {
  "use strict";
  var script = document.currentScript;
  var built = script && script.getAttribute("data-build");
  if (!built || !window.fetch) return;
  function poll() {
    fetch("/__build_id", { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : built; })
      .then(function (id) {
        if (id.trim() !== built) { window.location.reload(); return; }
        setTimeout(poll, 500);
      })
      .catch(function () { setTimeout(poll, 2000); }); // server stopped or restarting
  }
  setTimeout(poll, 500);
})();
