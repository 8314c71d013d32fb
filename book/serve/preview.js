// bindery serve: reload this page after every build of the book. The server streams the
// build it shows (Server-Sent Events); this page was served by the build in data-build.
// The only script on the page: the book's XHTML carries none.
"use strict";
(function () {
  var shown = document.currentScript.getAttribute("data-build");
  var events = new EventSource("/_bindery/events");
  events.addEventListener("build", function (e) {
    if (e.data !== shown) {
      events.close();
      location.reload();
    }
  });
})();
