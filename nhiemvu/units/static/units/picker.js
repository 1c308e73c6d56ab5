// The unit picker: as a clerk types in an input[data-unit-picker], fill its <datalist> with
// the server's matches (/don-vi/tim/?q=). Without this script the input still takes a code
// or a whole name, which the server resolves. An input with data-unit-picker="many" holds
// several units separated by ";": only the part after the last ";" is searched.
(function () {
  "use strict";
  var timers = new WeakMap();

  function search(input) {
    var many = input.dataset.unitPicker === "many";
    var value = input.value;
    var cut = many ? value.lastIndexOf(";") + 1 : 0;
    var prefix = value.slice(0, cut);
    var query = value.slice(cut).trim();
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || query.length < 2) {
      return;
    }
    fetch(input.dataset.searchUrl + "?q=" + encodeURIComponent(query), {
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
    })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var template = document.createElement("template");
        template.innerHTML = html;
        template.content.querySelectorAll("option").forEach(function (option) {
          option.value = (prefix ? prefix.trimEnd() + " " : "") + option.value + (many ? "; " : "");
        });
        list.replaceChildren(template.content);
      });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.unitPicker) {
      return;
    }
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { search(input); }, 200));
  });
})();
