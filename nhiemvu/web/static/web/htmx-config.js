// htmx 2 settings our pages need, in a static file: the CSP allows no inline script.

// After a swap htmx copies the old element's `style` attribute onto the new one with the
// same id (Bootstrap's collapse leaves one); the CSP (style-src 'self') refuses that.
htmx.config.attributesToSettle = ["class", "width", "height"];

// htmx swaps no 4xx answer by default (htmx.config.responseHandling). A region marked
// data-swap-errors is answered with itself re-rendered when a form in it is refused: 400 for
// invalid input, with the Vietnamese field errors, 403 for an action that is not the user's.
// Swap those there, and only there.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if ((status === 400 || status === 403) && event.target.closest("[data-swap-errors]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
