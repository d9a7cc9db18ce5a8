/* Filterable choice lists over plain checkboxes: the initiative form's partners, areas with their places,
   themes and goals (progressive enhancement).

   Markup (templates/initiatives/_form_macros.html, `choices`): <div data-choices data-…-text="…"> holds a
   fieldset whose .choices__options hold [data-choice] wrappers (a checkbox and its label), optionally in
   [data-choice-group] groups headed by a [data-group-label] (a heading, or the group's own checkbox: an area
   above its places). The server renders every text, so they are translated there.

   A list of more than SHORT options gets a filter field (typing narrows the list; Enter chooses the first
   match, Escape clears the filter) and shows its chosen items as tags that remove them; the list itself
   scrolls in its frame. Shorter lists stay as they are. The goals ([data-narrow-by-area]) show only those of
   the areas chosen, directly or through one of their places (all of them while no area is chosen); choosing
   a goal chooses its area too, and unticking an area unticks its goals. The server checks the same rule.
   Without this script every list is plain checkboxes. */
(function () {
  'use strict';

  var SHORT = 10;
  var SVG = 'http://www.w3.org/2000/svg';

  function fill(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : match;
    });
  }

  function fold(text) {  // "Hørgården" is found by "hørgarden", "AMAGER" by "amager"
    return String(text || '').toLocaleLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/\s+/g, ' ').trim();
  }

  function element(tag, className) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    return node;
  }

  function labelOf(input) {
    var label = input.parentNode.querySelector('label');
    return label ? label.textContent.trim() : input.value;
  }

  function changed(input) {
    input.dispatchEvent(new Event('change', {bubbles: true}));
  }

  function each(nodes, action) {
    Array.prototype.forEach.call(nodes, action);
  }

  function List(container) {
    this.container = container;
    this.options = container.querySelector('.choices__options');
    this.inputs = Array.prototype.slice.call(this.options.querySelectorAll('input[type="checkbox"]'));
    this.choices = Array.prototype.slice.call(this.options.querySelectorAll('[data-choice]'));
    this.status = null;
    this.filter = null;
    this.tags = null;
    if (this.inputs.length > SHORT) {
      this.enhance();
    }
  }

  List.prototype.text = function (name) {
    return this.container.getAttribute('data-' + name + '-text') || '';
  };

  List.prototype.enhance = function () {
    var self = this;
    var id = this.container.id;
    var fieldset = this.container.querySelector('fieldset');
    this.container.classList.add('choices--enhanced');
    if (!this.options.id) {
      this.options.id = id + '-options';
    }

    var chosen = element('div', 'choices__chosen');
    this.chosenLabel = element('p', 'choices__chosen-label');
    this.chosenLabel.id = id + '-chosen';
    this.tags = element('ul', 'choices__tags');
    this.tags.setAttribute('aria-labelledby', this.chosenLabel.id);
    chosen.appendChild(this.chosenLabel);
    chosen.appendChild(this.tags);

    var search = element('div', 'choices__filter');
    var label = element('label', 'form-label');
    label.htmlFor = id + '-filter';
    label.textContent = this.container.getAttribute('data-filter-label') || '';
    this.filter = element('input', 'form-input input-width-l');
    this.filter.type = 'search';
    this.filter.id = id + '-filter';
    this.filter.autocomplete = 'off';
    this.filter.setAttribute('aria-controls', this.options.id);
    this.status = element('p', 'form-hint choices__status');
    this.status.id = id + '-status';
    this.status.setAttribute('aria-live', 'polite');
    this.filter.setAttribute('aria-describedby', this.status.id);
    search.appendChild(label);
    search.appendChild(this.filter);
    search.appendChild(this.status);

    fieldset.insertBefore(chosen, this.options);
    fieldset.insertBefore(search, this.options);

    this.options.addEventListener('change', function () { self.renderTags(); });
    this.filter.addEventListener('input', function () { self.refresh(true); });
    this.filter.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {  // choose here; never post the form
        event.preventDefault();
        self.chooseFirstMatch();
      } else if (event.key === 'Escape' && self.filter.value) {
        event.preventDefault();
        self.filter.value = '';
        self.refresh(true);
      }
    });
    this.renderTags();
  };

  List.prototype.say = function (message) {
    if (this.status) {
      this.status.textContent = message;
    }
  };

  List.prototype.chooseFirstMatch = function () {
    var query = fold(this.filter.value);
    var open = this.inputs.filter(function (input) {
      return !input.checked && !input.disabled && !input.closest('[data-choice]').hidden;
    });
    // the first option that matches itself (an area shown for its matching place does not)
    var match = open.filter(function (input) { return fold(labelOf(input)).indexOf(query) !== -1; })[0] || open[0];
    if (!match || !query) {
      return;
    }
    match.checked = true;
    changed(match);
    this.filter.value = '';
    this.refresh(false);
    this.say(fill(this.text('added'), {name: labelOf(match)}));
  };

  List.prototype.renderTags = function () {
    var self = this;
    if (!this.tags) {
      return;
    }
    while (this.tags.firstChild) {
      this.tags.removeChild(this.tags.firstChild);
    }
    var checked = this.inputs.filter(function (input) { return input.checked; });
    checked.forEach(function (input) {
      var item = element('li');
      var name = labelOf(input);
      if (input.disabled) {  // fixed for this user: shown, not removable
        var fixed = element('span', 'tag');
        fixed.textContent = name;
        item.appendChild(fixed);
      } else {
        var button = element('button', 'tag tag-icon');
        button.type = 'button';
        button.setAttribute('aria-label', fill(self.text('remove'), {name: name}));
        button.appendChild(document.createTextNode(name));
        button.appendChild(self.icon('close'));
        button.addEventListener('click', function () { self.remove(input, item); });
        item.appendChild(button);
      }
      self.tags.appendChild(item);
    });
    this.tags.hidden = checked.length === 0;
    this.chosenLabel.textContent = checked.length ? this.text('chosen') : this.text('none-chosen');
  };

  List.prototype.remove = function (input, item) {
    var next = item.nextElementSibling || item.previousElementSibling;
    input.checked = false;
    changed(input);
    var button = next && next.querySelector('button');
    (button || this.filter).focus();
    this.say(fill(this.text('removed'), {name: labelOf(input)}));
  };

  List.prototype.icon = function (name) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'icon-svg');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('aria-hidden', 'true');
    var use = document.createElementNS(SVG, 'use');
    use.setAttribute('href', (this.container.getAttribute('data-icons') || '') + '#' + name);
    svg.appendChild(use);
    return svg;
  };

  /* Show the options that match the filter and are not narrowed away; a group whose heading matches shows
     whole, an area shows when one of its places matches. */
  List.prototype.refresh = function (announce) {
    var query = this.filter ? fold(this.filter.value) : '';
    var self = this;
    var matches = function (node) { return !query || fold(node.textContent).indexOf(query) !== -1; };
    this.choices.forEach(function (choice) { choice.filtered = !matches(choice); });
    each(this.options.querySelectorAll('[data-choice-group]'), function (group) {
      var label = group.querySelector('[data-group-label]');
      var inGroup = Array.prototype.slice.call(group.querySelectorAll('[data-choice]'));
      if (query && label && matches(label)) {
        inGroup.forEach(function (choice) { choice.filtered = false; });
      } else if (label && label.hasAttribute('data-choice') && inGroup.some(function (c) { return !c.filtered; })) {
        label.filtered = false;  // the area of a matching place
      }
    });
    var shown = 0;
    this.choices.forEach(function (choice) {
      choice.hidden = Boolean(choice.filtered || choice.narrowed);
      shown += choice.hidden ? 0 : 1;
    });
    each(this.options.querySelectorAll('[data-choice-group], fieldset'), function (block) {
      block.hidden = !block.querySelector('[data-choice]:not([hidden])');
    });
    if (announce) {
      self.say(query ? fill(self.text('shown'), {shown: shown, total: self.choices.length}) : '');
    }
  };

  function chosenAreas() {
    var areas = {};
    each(document.querySelectorAll('input[type="checkbox"][name="areas"]:checked'), function (input) {
      areas[input.value] = true;
    });
    each(document.querySelectorAll('input[type="checkbox"][name="places"]:checked'), function (input) {
      var area = input.closest('[data-choice]').getAttribute('data-area');
      if (area) {
        areas[area] = true;
      }
    });
    return areas;
  }

  function areaInput(area) {
    return document.querySelector('input[type="checkbox"][name="areas"][value="' + area + '"]');
  }

  /* The goals: narrowed to the chosen areas, choosing a goal chooses its area, unticking an area its goals. */
  function narrowing(goals) {
    var note = element('p', 'form-hint choices__status');  // why the list is empty; a short list's messages
    note.setAttribute('aria-live', 'polite');
    goals.options.parentNode.insertBefore(note, goals.options);
    var none = goals.text('narrowed-none');
    var say = function (message) { (goals.status || note).textContent = message; };

    function narrow() {
      var areas = chosenAreas();
      var any = Object.keys(areas).length > 0;
      goals.choices.forEach(function (choice) {
        choice.narrowed = any && !areas[choice.getAttribute('data-area')];
      });
      goals.refresh(false);
      if (any && goals.choices.every(function (choice) { return choice.narrowed; })) {
        note.textContent = none;
      } else if (note.textContent === none) {
        note.textContent = '';
      }
    }

    goals.options.addEventListener('change', function (event) {
      var goal = event.target;
      var area = goal.checked && goal.closest('[data-choice]').getAttribute('data-area');
      var input = area && !chosenAreas()[area] ? areaInput(area) : null;
      if (input && !input.disabled) {
        input.checked = true;
        changed(input);
        say(fill(goals.text('added'), {name: labelOf(input)}));
      }
    });
    document.addEventListener('change', function (event) {
      var input = event.target;
      if (!input || (input.name !== 'areas' && input.name !== 'places')) {
        return;
      }
      if (!input.checked) {
        var areas = chosenAreas();
        goals.inputs.forEach(function (goal) {
          if (goal.checked && !areas[goal.closest('[data-choice]').getAttribute('data-area')]) {
            goal.checked = false;
            changed(goal);
            say(fill(goals.text('removed'), {name: labelOf(goal)}));
          }
        });
      }
      narrow();
    });
    narrow();
  }

  function init() {
    each(document.querySelectorAll('[data-choices]'), function (container) {
      var list = new List(container);
      if (container.hasAttribute('data-narrow-by-area')) {
        narrowing(list);
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
