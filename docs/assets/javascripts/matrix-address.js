/* The matrix picker's address (?k=loten,alta&t=bilete), without the page: which boxes a query
   names and which of its codes name nothing, and the query of a choice (a choice equal to the
   default view leaves its parameter out). Pure functions of plain data, so that site.js uses
   them in the browser and tests/js/ runs them in Node.
   An option is {value: "loten", label: "Løten"}; a value in the address names an option by its
   code or by its label, in any case (the home page's "find your municipality" sends the name as typed). */
(function (root) {
  "use strict";

  function optionFor(options, value) {
    var wanted = value.trim().toLowerCase();
    return options.filter(function (option) {
      return option.value === wanted || option.label.trim().toLowerCase() === wanted;
    })[0];
  }

  /* The values the parameter's codes name, in the options' order, and the codes that name none;
     null when the address does not have the parameter. */
  function readChoice(search, param, options) {
    var value = new URLSearchParams(search).get(param);
    if (value === null) return null;
    var found = [], missing = [];
    value.split(",").filter(function (code) { return code.trim(); }).forEach(function (code) {
      var option = optionFor(options, code);
      if (option) found.push(option.value); else missing.push(code.trim());
    });
    return {
      values: options.map(function (option) { return option.value; }).filter(function (v) { return found.indexOf(v) !== -1; }),
      missing: missing
    };
  }

  /* The query for ``choices`` ({param: [values]}), keeping the address's other parameters. */
  function writeQuery(search, choices, defaults) {
    var params = new URLSearchParams(search);
    Object.keys(choices).forEach(function (param) {
      var values = choices[param], initial = defaults[param];
      var same = values.length === initial.length && values.every(function (v) { return initial.indexOf(v) !== -1; });
      if (same) params.delete(param); else params.set(param, values.join(","));
    });
    return params.toString().replace(/%2C/g, ",");
  }

  var api = { optionFor: optionFor, readChoice: readChoice, writeQuery: writeQuery };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.matrixAddress = api;
}(this));
