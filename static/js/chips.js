// Searchable chips over a list of checkboxes (the catalogue's skills). Without this script the
// checkboxes are the form; with it they stay the form (hidden) and a combobox picks them: type to
// filter, arrows to move, Enter to pick, Backspace on an empty box removes the last chip. When the
// form's specialization changes, only skills its specialists hold are offered (data-specializations).
// Every word comes from the options' data attributes, translated by the server. No inline code (CSP).
(() => {
  let uid = 0;

  function enhance(options) {
    const form = options.closest("form");
    const fieldset = options.closest("fieldset");
    const legend = fieldset && fieldset.querySelector("legend");
    if (!form || !legend) return;
    const previous = options.parentElement.querySelector(":scope > .chips");
    if (previous) previous.remove(); // a page restored from htmx's history: build it again
    const t = options.dataset;
    const base = options.id || `chips-${++uid}`;
    legend.id = legend.id || `${base}-legend`;
    const boxes = [...options.querySelectorAll("input[type=checkbox]")];
    const label = (box) => box.closest("label").textContent.trim();
    const row = (box) => box.closest("[data-specializations]");

    const widget = document.createElement("div");
    widget.className = "chips";
    const chosen = document.createElement("ul");
    chosen.className = "plain chips-chosen";
    chosen.setAttribute("aria-label", t.chosen);
    const combo = document.createElement("div");
    combo.className = "chips-combo";
    const input = document.createElement("input");
    Object.assign(input, { type: "text", id: `${base}-input`, placeholder: t.placeholder, autocomplete: "off" });
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", `${base}-listbox`);
    input.setAttribute("aria-labelledby", legend.id);
    const listbox = document.createElement("ul");
    Object.assign(listbox, { id: `${base}-listbox`, className: "plain chips-listbox", hidden: true });
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-labelledby", legend.id);
    const status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    combo.append(input, listbox);
    widget.append(chosen, combo, status);
    options.after(widget);
    options.hidden = true;

    let active = -1;
    let shown = [];

    const offered = () => {
      const select = form.elements.namedItem("specialization");
      const spec = select && select.value;
      return boxes.filter((box) => !spec || row(box).dataset.specializations.split(" ").includes(spec));
    };

    function drawChips() {
      chosen.replaceChildren(
        ...boxes.filter((box) => box.checked).map((box) => {
          const chip = document.createElement("li");
          chip.className = "skill-chip chip";
          const name = document.createElement("span");
          name.textContent = label(box);
          const remove = document.createElement("button");
          Object.assign(remove, { type: "button", className: "chip-remove", textContent: "×" });
          remove.setAttribute("aria-label", t.remove.replace("%s", label(box)));
          remove.addEventListener("click", () => {
            toggle(box, false);
            input.focus();
          });
          chip.append(name, remove);
          return chip;
        }),
      );
    }

    function drawList() {
      const words = input.value.trim().toLocaleLowerCase();
      shown = offered().filter((box) => !box.checked && label(box).toLocaleLowerCase().includes(words));
      active = Math.min(active, shown.length - 1);
      listbox.replaceChildren(
        ...shown.map((box, i) => {
          const option = document.createElement("li");
          option.id = `${base}-option-${box.value}`;
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", String(i === active));
          option.textContent = label(box);
          option.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
          option.addEventListener("click", () => pick(box));
          return option;
        }),
      );
      if (!shown.length) {
        const empty = document.createElement("li");
        empty.className = "muted small chips-empty";
        empty.textContent = t.none;
        listbox.append(empty);
      }
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", `${base}-option-${shown[active].value}`);
        listbox.children[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open(state) {
      listbox.hidden = !state;
      input.setAttribute("aria-expanded", String(state));
      if (state) drawList();
      else {
        active = -1;
        input.removeAttribute("aria-activedescendant");
      }
    }

    function toggle(box, state) {
      box.checked = state;
      status.textContent = (state ? t.added : t.removed).replace("%s", label(box));
      drawChips();
      box.dispatchEvent(new Event("change", { bubbles: true })); // the form's htmx trigger
    }

    function pick(box) {
      input.value = "";
      toggle(box, true);
      active = -1;
      drawList();
    }

    input.addEventListener("input", () => {
      active = input.value.trim() ? 0 : -1;
      open(true);
    });
    input.addEventListener("click", () => open(true));
    input.addEventListener("change", (event) => event.stopPropagation()); // typing is no filter change
    widget.addEventListener("focusout", (event) => {
      if (!widget.contains(event.relatedTarget)) open(false);
    });
    input.addEventListener("keydown", (event) => {
      const moves = { ArrowDown: 1, ArrowUp: -1 };
      if (event.key in moves) {
        event.preventDefault();
        if (listbox.hidden) open(true);
        if (shown.length) active = (active + moves[event.key] + shown.length) % shown.length;
        drawList();
      } else if (event.key === "Enter") {
        if (!listbox.hidden && active >= 0 && shown[active]) {
          event.preventDefault();
          pick(shown[active]);
        } else if (input.value.trim()) {
          event.preventDefault(); // a half-typed skill is not a search
        }
      } else if (event.key === "Escape" && !listbox.hidden) {
        event.preventDefault();
        open(false);
      } else if (event.key === "Backspace" && !input.value) {
        const last = boxes.filter((box) => box.checked).pop();
        if (last) toggle(last, false);
      }
    });

    // A new specialization: its skills only; chosen skills of others are dropped. Capture phase, so
    // the boxes are unchecked before htmx (listening on the form) sends the filters.
    form.addEventListener(
      "change",
      (event) => {
        if (event.target.name !== "specialization") return;
        const keep = new Set(offered());
        boxes.forEach((box) => {
          row(box).hidden = !keep.has(box);
          if (!keep.has(box)) box.checked = false;
        });
        drawChips();
        if (!listbox.hidden) drawList();
      },
      true,
    );

    drawChips();
  }

  const enhanceAll = () => document.querySelectorAll("[data-chips]").forEach(enhance);
  document.addEventListener("DOMContentLoaded", enhanceAll);
  document.addEventListener("htmx:historyRestore", enhanceAll);
})();
