/* Progressive enhancement of the compatibility table: filters, search and
   detail pop-ups. The page is complete without it. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var table = document.getElementById("t");
  var form = document.getElementById("filters");
  var fDev = document.getElementById("f-dev");
  var fImpl = document.getElementById("f-impl");
  var fSec = document.getElementById("f-sec");
  var fQ = document.getElementById("f-q");
  var count = document.getElementById("f-count");
  var colStyle = document.getElementById("colfilter");
  var nm = data.methods.length || 1;
  var lead = data.lead;
  var sections = Array.prototype.slice.call(table.querySelectorAll("section.sg"));
  var rows = Array.prototype.slice.call(table.querySelectorAll("tr.fr"));
  var entries = Array.prototype.slice.call(table.querySelectorAll("tr.en"));
  var texts = [];
  rows.forEach(function (row, i) {
    row.mpIndex = i;
    row.mpSection = row.closest("section").getAttribute("data-s");
    texts.push((row.id + " " + row.cells[0].textContent).toLowerCase());
  });
  var implNames = [];
  data.columns.forEach(function (c) { if (implNames.indexOf(c.impl) < 0) implNames.push(c.impl); });

  function hasWord(list, word) {
    return (" " + (list || "") + " ").indexOf(" " + word + " ") >= 0;
  }

  /* Other implementations' columns collapse (each table has a <col> per
     column, classed by implementation); the cells stay where they are. */
  function columnRules(impl) {
    var css = "";
    implNames.forEach(function (name, j) {
      if (impl && name !== impl) css += "#t col.i" + j + "{visibility:collapse}";
    });
    return css;
  }

  function apply() {
    var dev = fDev.checked, impl = fImpl.value, sec = fSec.value;
    var terms = fQ.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = !sec || row.mpSection === sec;
      if (ok && dev) {
        var d = row.getAttribute("data-d");
        ok = impl ? hasWord(d, impl) : !!d;
      }
      if (ok && terms.length) {
        ok = terms.every(function (t) { return texts[i].indexOf(t) >= 0; });
      }
      row.hidden = !ok;
      if (ok) shown++;
    });
    entries.forEach(function (entry) {
      var any = false;
      for (var n = entry.nextElementSibling; n && n.classList.contains("fr"); n = n.nextElementSibling) {
        if (!n.hidden) { any = true; break; }
      }
      entry.hidden = !any;
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("tr.fr:not([hidden])");
    });
    colStyle.textContent = columnRules(impl);
    count.textContent = shown + " of " + rows.length + " behaviours shown";
    hidePop();
  }

  /* ------------------------------------------------------------ detail pop-up */
  var pop = document.createElement("div");
  pop.className = "pop";
  pop.setAttribute("role", "dialog");
  pop.setAttribute("aria-label", "cell details");
  pop.tabIndex = -1;
  pop.hidden = true;
  document.body.appendChild(pop);

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function hidePop() { pop.hidden = true; }

  function formatMs(ms) {
    if (ms === null || ms === undefined) return "";
    return ms < 1000 ? ms + " ms" : (ms / 1000).toFixed(2) + " s";
  }

  function showCell(td) {
    var row = td.parentNode;
    var k = td.cellIndex - lead;
    if (k < 0) return false;
    var perMethod = row.classList.contains("m");
    var column = data.columns[perMethod ? Math.floor(k / nm) : k];
    var method = perMethod ? data.methods[k % nm] : null;
    if (!column) return false;
    pop.textContent = "";
    var close = el("button", "close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "close");
    close.addEventListener("click", hidePop);
    pop.appendChild(close);
    var link = td.querySelector("a[href^='#d']");
    var ms = (data.durations[row.mpIndex] || [])[k];
    var here = column.impl + " " + column.version + " · Python " + column.python + " · " +
      column.os + " · " + (method ? "start method " + method : "any start method");
    if (link) {
      var detail = document.getElementById(link.getAttribute("href").slice(1));
      var copy = detail.cloneNode(true);
      copy.removeAttribute("id");
      pop.appendChild(el("p", "here", "This cell: " + here +
        (ms !== null && ms !== undefined ? " · " + formatMs(ms) : "")));
      pop.appendChild(copy);
    } else {
      var kind = td.classList.contains("op") ? "pass" : td.classList.contains("on") ? "n/a" : "not run";
      var box = el("div", "det");
      var head = el("h3");
      var badge = el("span", "badge " + td.className.split(" ")[0], kind);
      head.appendChild(badge);
      head.appendChild(document.createTextNode(" " + row.id));
      box.appendChild(head);
      box.appendChild(el("p", "where", here));
      if (kind === "n/a" && td.title) box.appendChild(el("p", "", td.title.replace(/^n\/a: /, "")));
      if (ms !== null && ms !== undefined) box.appendChild(el("p", "dur", "duration " + formatMs(ms)));
      if (kind !== "not run") {
        var repro = el("p", "repro", "Reproduce (Python " + column.python + "): ");
        repro.appendChild(el("code", "", "mp-conformance run --impl " + column.impl + " --feature '" +
          row.id + "'" + (method ? " --start-method " + method : "")));
        box.appendChild(repro);
      }
      pop.appendChild(box);
    }
    pop.hidden = false;
    var rect = td.getBoundingClientRect();
    var width = pop.offsetWidth, height = pop.offsetHeight;
    var left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
    var top = rect.bottom + 4;
    if (top + height > window.innerHeight - 8) top = Math.max(8, rect.top - height - 4);
    pop.style.left = left + "px";
    pop.style.top = top + "px";
    pop.focus({preventScroll: true});
    return true;
  }

  table.addEventListener("click", function (event) {
    var td = event.target.closest("td");
    if (!td || !td.parentNode.classList.contains("fr")) return;
    if (showCell(td)) event.preventDefault();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hidePop();
  });
  document.addEventListener("click", function (event) {
    if (!pop.hidden && !pop.contains(event.target) && !table.contains(event.target)) hidePop();
  });
  window.addEventListener("scroll", hidePop, {passive: true});

  [fDev, fImpl, fSec].forEach(function (input) { input.addEventListener("change", apply); });
  fQ.addEventListener("input", apply);
  form.hidden = false;
  count.textContent = rows.length + " behaviours";
  document.documentElement.setAttribute("data-ready", "1");
})();
