// Searchable filter boxes: a text input with data-lookup="/plans/lookup/officers/" is offered matching names
// as you type, in a native <datalist> (announced by screen readers and keyboard-operable). Without this script
// the box is a plain text field and the words typed still filter the list.
(function () {
  "use strict";
  function enhance(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("list", list.id);
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var words = input.value.trim();
      if (words.length < 2 || words === last) {
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        last = words;
        fetch(input.dataset.lookup + "?q=" + encodeURIComponent(words), {
          credentials: "same-origin",
          headers: { Accept: "application/json" }
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.results.map(function (name) {
              var option = document.createElement("option");
              option.value = name;
              return option;
            }));
          })
          .catch(function () { /* the box still works as plain text */ });
      }, 150);
    });
  }
  document.querySelectorAll("input[data-lookup]").forEach(enhance);
})();
