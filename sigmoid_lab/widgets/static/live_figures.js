// Sigmoid Lab's live figures, drawn in the browser as SVG.
//
// One module serves every place a figure runs: JupyterLab, Voilà, VS Code and Colab load it
// as an anywidget (the default export's `render`), and the course website, which has no
// kernel, mounts the figures saved in the notebooks' outputs with `mountAll`. Python
// (sigmoid_lab.widgets) hands each figure its settings and whatever is not a one-line formula
// (training runs, gradient norms, activation curves) as data; what the view computes itself
// uses the same stable formulas as sigmoid_lab.activations. Every word a figure writes comes
// from `spec.text`, looked up in the package's catalogue in the session's language; the view
// only fills in the numbers.

const SVG_NS = "http://www.w3.org/2000/svg";
export const FIGURE_MIME = "application/vnd.sigmoid-lab.figure+json";

// ------------------------------------------------------------------------------ numbers

const DECODED = new Map();

/** Float64 values from the base64 text of their little-endian bytes (decoded once). */
export function decode(text) {
  let values = DECODED.get(text);
  if (!values) {
    values = decodeOnce(text);
    DECODED.set(text, values);
  }
  return values;
}

function decodeOnce(text) {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(8 * i, true);
  return out;
}

/** σ(x) as sigmoid_lab.activations.sigmoid computes it: 1 / (1 + e^(−x)), e^x below −700. */
export function sigmoid(x) {
  if (x < -700) return Math.exp(x);
  return 1 / (1 + Math.exp(-x));
}

/** σ′(x) as sigmoid_lab.activations.sigmoid_grad computes it: e / (1 + e)², e = e^(−|x|). */
export function sigmoidGrad(x) {
  const e = Math.exp(-Math.abs(x));
  const d = 1 + e;
  return Math.min(e / (d * d), 0.25);
}

/** numpy.linspace(start, stop, n). */
export function linspace(start, stop, n) {
  const out = new Float64Array(n);
  const step = (stop - start) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step + start;
  out[n - 1] = stop;
  return out;
}

// Python's format() for the specs the readouts use, with a typographic minus like fmt().

function isTie(x, digits) {
  // Whether |x| lies exactly halfway between two numbers of `digits` decimals.
  const full = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const tail = full.slice(full.indexOf(".") + 1 + digits);
  return /^50*$/.test(tail);
}

/** format(x, ".Nf"): JavaScript rounds a tie away from zero, Python to even. */
export function fixed(x, digits) {
  if (!Number.isFinite(x)) return x > 0 ? "inf" : x < 0 ? "-inf" : "nan";
  let text = x.toFixed(digits);
  if (isTie(x, digits)) {
    const full = Math.abs(x).toFixed(Math.min(100, digits + 60));
    const cut = full.slice(0, full.indexOf(".") + (digits ? 1 + digits : 0));
    const lastDigit = Number(cut.replace(".", "").slice(-1));
    if (lastDigit % 2 === 0) text = (x < 0 ? "-" : "") + cut;
  }
  if (Object.is(x, -0) || (x < 0 && !text.startsWith("-"))) text = "-" + text;
  return text;
}

function pyExponent(text) {
  // "3.2e-7" → "3.2e-07", "1.0e+0" → "1.0e+00"
  return text.replace(/e([+-])(\d)$/, "e$10$2");
}

/** format(x, ".Ne"), a tie rounded to even as Python does. */
export function exponential(x, digits) {
  if (!Number.isFinite(x)) return x > 0 ? "inf" : x < 0 ? "-inf" : "nan";
  let text = x.toExponential(digits);
  // The exact decimal digits of |x| (a tie has a short expansion, well within 100 digits).
  const significant = Math.abs(x).toPrecision(Math.min(100, digits + 40))
    .replace(/e.*$/, "").replace(".", "").replace(/^0+/, "");
  const tail = significant.slice(digits + 1);
  if (/^50*$/.test(tail) && Number(significant[digits]) % 2 === 0) {
    const kept = significant.slice(0, digits + 1);
    const exponent = Math.floor(Math.log10(Math.abs(x)));
    const check = Number(`${kept[0]}.${kept.slice(1)}e${exponent}`);
    if (Math.abs(check) <= Math.abs(x)) {
      text = `${x < 0 ? "-" : ""}${kept[0]}${digits ? "." + kept.slice(1) : ""}e${exponent < 0 ? "-" : "+"}${Math.abs(exponent)}`;
    }
  }
  return pyExponent(text);
}

/** format(x, ".Ng"). */
export function general(x, precision) {
  if (!Number.isFinite(x)) return x > 0 ? "inf" : x < 0 ? "-inf" : "nan";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const p = Math.max(precision, 1);
  const rounded = exponential(x, p - 1);
  const exp = Number(rounded.split("e")[1]);
  if (exp >= -4 && exp < p) {
    let text = fixed(x, p - 1 - exp);
    if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
    return text;
  }
  let [mantissa, power] = rounded.split("e");
  if (mantissa.includes(".")) mantissa = mantissa.replace(/0+$/, "").replace(/\.$/, "");
  return `${mantissa}e${power}`;
}

/** Python's format(x, spec) for ".Nf", ".Ne", ".Ng" and ".N%". */
export function pyFormat(x, spec) {
  const match = /^\.(\d+)([efg%])$/.exec(spec);
  if (!match) throw new Error(`unsupported format ${spec}`);
  const digits = Number(match[1]);
  switch (match[2]) {
    case "f":
      return fixed(x, digits);
    case "e":
      return exponential(x, digits);
    case "g":
      return general(x, digits);
    default:
      return fixed(x * 100, digits) + "%";
  }
}

/** sigmoid_lab.plots._args.fmt: format(x, spec) with "−" for "-". */
export function fmt(x, spec = ".2f") {
  return pyFormat(x, spec).replace(/-/g, "−");
}

/**
 * A template of the package's catalogue with its named fields filled in, as Python's
 * `template.format(**fields)` for fields without a format spec: "at x = {x}" → "at x = 0.5".
 */
export function fill(template, fields) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in fields ? String(fields[name]) : whole));
}

/** A rough width of `text` in pixels at the figures' 11–12px: a CJK character is two. */
function textWidth(text, perCharacter) {
  let units = 0;
  for (const c of text) units += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(c) ? 2 : 1;
  return units * perCharacter;
}

/** The value at position `index` of a slider, as Python's round(low + index·step, 10). */
export function sliderValue(control, index) {
  return Number((control.min + index * control.step).toFixed(10));
}

export function sliderIndex(control, value) {
  return Math.round((value - control.min) / control.step);
}

// ------------------------------------------------------------------------------ SVG

function make(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  if (parent) parent.appendChild(node);
  return node;
}

function html(tag, attrs = {}, parent = null, text = null) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === true) node.setAttribute(key, "");
    else if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(key, String(value));
    }
  }
  if (text !== null) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

const round2 = (v) => Math.round(v * 100) / 100;

/** An SVG path through the points (x[i], y[i]); a non-finite point breaks the line. */
function pathData(xs, ys, sx, sy, count = xs.length) {
  let d = "";
  let pen = false;
  for (let i = 0; i < count; i++) {
    const px = sx(xs[i]);
    const py = sy(ys[i]);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${round2(px)} ${round2(py)}`;
    pen = true;
  }
  return d;
}

const BLACK = "#000000";

/** Colour a node's stroke or fill; the palette's black follows the theme's text colour. */
function paint(node, color, attr = "stroke") {
  if (!color) return;
  if (color.toLowerCase() === BLACK) node.classList.add(attr === "stroke" ? "sl-neutral" : "sl-neutral-fill");
  else node.setAttribute(attr, color);
}

/** A colour for HTML: the palette's black follows the theme's text colour. */
export function cssColor(color) {
  return color.toLowerCase() === BLACK ? `var(--sl-fg, ${BLACK})` : color;
}

const DASHES = { "-": null, "--": "6 4", ":": "1.5 3", "-.": "6 3 1.5 3" };

// ------------------------------------------------------------------------------ axes

/** Tick positions for a linear axis: 1, 2, 2.5 or 5 times a power of ten, about `count`. */
export function linearTicks(low, high, count = 6) {
  const span = high - low;
  if (!(span > 0)) return [low];
  const raw = span / Math.max(count, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = power * 10;
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (m * power >= raw * (1 - 1e-9)) {
      step = m * power;
      break;
    }
  }
  const first = Math.ceil(low / step - 1e-9);
  const ticks = [];
  for (let k = first; k * step <= high + step * 1e-9; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

function decimalsFor(ticks) {
  let most = 0;
  for (const t of ticks) {
    const text = String(Number(t.toPrecision(10)));
    const dot = text.indexOf(".");
    if (!text.includes("e") && dot >= 0) most = Math.max(most, text.length - dot - 1);
  }
  return most;
}

const SUPERSCRIPT = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

function powerOfTen(exponent) {
  return "10" + String(exponent).split("").map((c) => SUPERSCRIPT[c]).join("");
}

/** Ticks of a log axis: decades (every k-th when there are many), or 1, 2, 5 per decade. */
export function logTicks(low, high, count = 6, plain = false) {
  const lo = Math.floor(Math.log10(low) + 1e-9);
  const hi = Math.ceil(Math.log10(high) - 1e-9);
  const decades = hi - lo;
  const ticks = [];
  if (decades <= 2 && plain) {
    for (let e = lo; e <= hi; e++) {
      for (const m of decades <= 1 ? [1, 2, 3, 5] : [1, 2, 5]) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (v >= low * (1 - 1e-9) && v <= high * (1 + 1e-9)) ticks.push({ value: v, label: plainNumber(v) });
      }
    }
    return ticks;
  }
  const every = [1, 2, 3, 5, 10, 20, 50].find((k) => k >= decades / count) || 100;
  for (let e = Math.ceil(Math.log10(low) - 1e-9); e <= Math.floor(Math.log10(high) + 1e-9); e++) {
    if (e % every !== 0) continue;
    const v = 10 ** e;
    ticks.push({ value: v, label: plain && decades <= 4 ? plainNumber(v) : powerOfTen(e) });
  }
  return ticks;
}

function plainNumber(v) {
  const text = String(Number(v.toPrecision(12)));
  return text.replace(/-/g, "−");
}

class Scale {
  constructor(kind, domain, range) {
    this.kind = kind;
    this.set(domain, range);
  }

  set(domain, range = this.range) {
    this.domain = domain.slice();
    this.range = range.slice();
    const [d0, d1] = this.kind === "log" ? domain.map(Math.log10) : domain;
    this.d0 = d0;
    this.k = (range[1] - range[0]) / (d1 - d0);
  }

  map(v) {
    const t = this.kind === "log" ? (v > 0 ? Math.log10(v) : NaN) : v;
    return this.range[0] + (t - this.d0) * this.k;
  }
}

/**
 * One Axes: a plotting box with a grid, spines, ticks and labels, and the data drawn inside,
 * clipped to the box. `setLimits` redraws the axis decorations and every registered item.
 */
class Panel {
  // The axes (face, grid, ticks, labels) are drawn in the figure's back layer, the data in its
  // front layer: moving a control repaints the front layer only.
  constructor(layers, box, options) {
    this.box = box; // {x, y, width, height}
    this.options = options;
    this.items = [];
    const id = `sl-clip-${Math.random().toString(36).slice(2, 10)}`;
    const defs = layers.front.querySelector("defs");
    const clip = make("clipPath", { id }, defs);
    this.clipRect = make("rect", { x: box.x, y: box.y, width: box.width, height: box.height }, clip);
    this.back = make("g", { class: "sl-axes-back" }, layers.back);
    this.front = make("g", { class: "sl-axes-front" }, layers.back);
    this.data = make("g", { "clip-path": `url(#${id})`, class: "sl-data" }, layers.front);
    this.over = make("g", { class: "sl-overlay" }, layers.front);
    this.x = new Scale(options.xscale || "linear", options.xlim, [box.x, box.x + box.width]);
    this.y = new Scale(options.yscale || "linear", options.ylim, [box.y + box.height, box.y]);
    this.sx = (v) => this.x.map(v);
    this.sy = (v) => this.y.map(v);
    this.drawAxes();
  }

  setLimits({ xlim, ylim }) {
    const same = (a, b) => !a || (a[0] === b[0] && a[1] === b[1]);
    if (same(xlim, this.x.domain) && same(ylim, this.y.domain)) return false;
    if (xlim) this.x.set(xlim);
    if (ylim) this.y.set(ylim);
    this.drawAxes();
    for (const item of this.items) item.redraw();
    return true;
  }

  ticksFor(axis) {
    const o = this.options;
    const scale = axis === "x" ? this.x : this.y;
    const fixedTicks = axis === "x" ? o.xticks : o.yticks;
    const [low, high] = scale.domain;
    const length = axis === "x" ? this.box.width : this.box.height;
    const count = Math.max(3, Math.round(length / (axis === "x" ? 70 : 45)));
    if (fixedTicks) return fixedTicks.map((v) => ({ value: v, label: plainNumber(v) }));
    if (scale.kind === "log") return logTicks(low, high, count, (axis === "x" ? o.xplain : o.yplain) ?? false);
    const values = linearTicks(low, high, count);
    const decimals = decimalsFor(values);
    return values.map((v) => ({ value: v, label: fixed(v, decimals).replace(/-/g, "−").replace(/^−(0\.?0*)$/, "$1") }));
  }

  drawAxes() {
    const { box, options: o } = this;
    this.back.replaceChildren();
    this.front.replaceChildren();
    make("rect", { x: box.x, y: box.y, width: box.width, height: box.height, class: "sl-face" }, this.back);
    const xticks = this.ticksFor("x");
    const yticks = this.ticksFor("y");
    const grid = make("g", { class: "sl-grid" }, this.back);
    const ticks = make("g", { class: "sl-ticks" }, this.front);
    const labels = make("g", { class: "sl-tick-labels" }, this.front);
    const bottom = box.y + box.height;
    for (const { value, label } of xticks) {
      const px = round2(this.sx(value));
      if (px < box.x - 0.5 || px > box.x + box.width + 0.5) continue;
      if (o.grid !== false) make("line", { x1: px, x2: px, y1: box.y, y2: bottom }, grid);
      make("line", { x1: px, x2: px, y1: bottom, y2: bottom + 4 }, ticks);
      if (!o.hideXTickLabels) {
        make("text", { x: px, y: bottom + 16, "text-anchor": "middle" }, labels).textContent = label;
      }
    }
    for (const { value, label } of yticks) {
      const py = round2(this.sy(value));
      if (py < box.y - 0.5 || py > bottom + 0.5) continue;
      if (o.grid !== false) make("line", { x1: box.x, x2: box.x + box.width, y1: py, y2: py }, grid);
      make("line", { x1: box.x - 4, x2: box.x, y1: py, y2: py }, ticks);
      make("text", { x: box.x - 7, y: py + 4, "text-anchor": "end" }, labels).textContent = label;
    }
    const spines = make("g", { class: "sl-spines" }, this.front);
    make("line", { x1: box.x, x2: box.x, y1: box.y, y2: bottom }, spines);
    make("line", { x1: box.x, x2: box.x + box.width, y1: bottom, y2: bottom }, spines);
    if (o.xlabel) {
      make("text", { x: box.x + box.width / 2, y: bottom + 36, "text-anchor": "middle", class: "sl-axis-label" }, this.front).textContent = o.xlabel;
    }
    if (o.ylabel) {
      const lx = box.x - (o.ylabelOffset || 46);
      const ly = box.y + box.height / 2;
      make("text", { x: lx, y: ly, transform: `rotate(-90 ${lx} ${ly})`, "text-anchor": "middle", class: "sl-axis-label" }, this.front).textContent = o.ylabel;
    }
    if (o.title) {
      make("text", { x: box.x + box.width / 2, y: box.y - 8, "text-anchor": "middle", class: "sl-title" }, this.front).textContent = o.title;
    }
  }

  /** A line (or markers) whose data `set(xs, ys)` changes. */
  line(style = {}) {
    const panel = this;
    const node = make("path", { class: `sl-line ${style.className || ""}`, fill: "none" }, this.data);
    if (style.fixed) node.setAttribute("stroke", style.color); // the same in both themes
    else paint(node, style.color);
    node.setAttribute("stroke-width", style.width ?? 2);
    if (DASHES[style.dash || "-"]) node.setAttribute("stroke-dasharray", DASHES[style.dash]);
    if (style.opacity !== undefined) node.setAttribute("stroke-opacity", style.opacity);
    const markers = style.marker ? make("g", { class: `sl-markers ${style.className || ""}` }, this.data) : null;
    if (markers) paint(markers, style.color, "fill");
    if (markers && style.opacity !== undefined) markers.setAttribute("fill-opacity", style.opacity);
    const item = {
      node,
      markers,
      xs: new Float64Array(0),
      ys: new Float64Array(0),
      count: 0,
      set(xs, ys, count = xs.length) {
        this.xs = xs;
        this.ys = ys;
        this.count = count;
        this.redraw();
      },
      redraw() {
        node.setAttribute("d", style.noLine ? "" : pathData(this.xs, this.ys, panel.sx, panel.sy, this.count));
        if (markers) {
          let d = "";
          const r = style.marker;
          for (let i = 0; i < this.count; i++) {
            const px = panel.sx(this.xs[i]);
            const py = panel.sy(this.ys[i]);
            if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
            d += `M${round2(px - r)} ${round2(py)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
          }
          markers.replaceChildren();
          if (d) make("path", { d }, markers);
        }
      },
      show(visible) {
        node.style.display = visible ? "" : "none";
        if (markers) markers.style.display = visible ? "" : "none";
      },
    };
    this.items.push(item);
    return item;
  }

  /** A dot drawn above the clip (a marker at an axis end is not cut in half). */
  point(style = {}) {
    const panel = this;
    const node = make("circle", { r: style.radius ?? 4, class: `sl-point ${style.className || ""}` }, this.over);
    if (style.color) node.setAttribute("fill", style.color);
    const item = {
      node,
      x: NaN,
      y: NaN,
      set(x, y) {
        this.x = x;
        this.y = y;
        this.redraw();
      },
      redraw() {
        const px = panel.sx(this.x);
        const py = panel.sy(this.y);
        const inside = Number.isFinite(px) && Number.isFinite(py) && py >= panel.box.y - 1 && py <= panel.box.y + panel.box.height + 1;
        node.style.display = inside && !this.hidden ? "" : "none";
        if (inside) {
          node.setAttribute("cx", round2(px));
          node.setAttribute("cy", round2(py));
        }
      },
      show(visible) {
        this.hidden = !visible;
        this.redraw();
      },
    };
    this.items.push(item);
    return item;
  }

  hline(value, style = {}) {
    const panel = this;
    const item = this.line(style);
    item.redraw = function redraw() {
      const py = round2(panel.sy(value));
      this.node.setAttribute("d", `M${panel.box.x} ${py}H${panel.box.x + panel.box.width}`);
    };
    item.redraw();
    return item;
  }

  vline(style = {}) {
    const panel = this;
    const item = this.line(style);
    item.value = NaN;
    item.setValue = function setValue(v) {
      this.value = v;
      this.redraw();
    };
    item.redraw = function redraw() {
      const px = round2(panel.sx(this.value));
      this.node.setAttribute("d", Number.isFinite(px) ? `M${px} ${panel.box.y}V${panel.box.y + panel.box.height}` : "");
    };
    return item;
  }

  /** A shaded band between two y values (an axhspan). */
  hspan(low, high, style = {}) {
    const panel = this;
    const node = make("rect", { class: "sl-span", fill: style.color, "fill-opacity": style.opacity ?? 0.2 }, this.data);
    const item = {
      node,
      redraw() {
        const top = panel.sy(high);
        const bottom = panel.sy(low);
        const y0 = Math.max(Math.min(top, bottom), panel.box.y - 1);
        const y1 = Math.min(Math.max(top, bottom), panel.box.y + panel.box.height + 1);
        node.setAttribute("x", panel.box.x);
        node.setAttribute("width", panel.box.width);
        node.setAttribute("y", round2(y0));
        node.setAttribute("height", Math.max(0, round2(y1 - y0)));
      },
    };
    this.data.insertBefore(node, this.data.firstChild);
    item.redraw();
    this.items.push(item);
    return item;
  }

  /** Lines of text at a place given in axes fractions (0..1 from the lower left). */
  note(fx, fy, style = {}) {
    const panel = this;
    const group = make("g", { class: "sl-note" }, this.over);
    const back = make("rect", { class: "sl-note-back" }, group);
    const text = make("text", { class: `sl-note-text ${style.className || ""}` }, group);
    const item = {
      node: group,
      lines: [],
      set(lines) {
        this.lines = lines;
        text.replaceChildren();
        const x = panel.box.x + fx * panel.box.width;
        const top = panel.box.y + (1 - fy) * panel.box.height;
        lines.forEach((line, i) => {
          make("tspan", { x: x + (style.anchor === "end" ? -4 : 4), y: top + 14 + 15 * i }, text).textContent = line;
        });
        text.setAttribute("text-anchor", style.anchor === "end" ? "end" : "start");
        const width = Math.max(0, ...lines.map((l) => textWidth(l, 6.4))) + 8;
        back.setAttribute("x", style.anchor === "end" ? x - width : x);
        back.setAttribute("y", top + 2);
        back.setAttribute("width", width);
        back.setAttribute("height", 15 * lines.length + 4);
      },
      redraw() {},
    };
    return item;
  }

  /** A legend: entries [{label, color, dash, marker, band}] in a corner ("upper left", ...). */
  legend(entries, where = "upper left") {
    const key = JSON.stringify([entries, where]);
    if (this.legendNode && this.legendKey === key) return this.legendNode;
    this.legendKey = key;
    if (this.legendNode) this.legendNode.remove();
    const group = make("g", { class: "sl-legend" }, this.over);
    this.legendNode = group;
    if (!entries.length) return group;
    const width = Math.max(...entries.map((e) => textWidth(e.label, 6.3))) + 34;
    const right = where.includes("right");
    const lower = where.includes("lower");
    const x0 = right ? this.box.x + this.box.width - width - 4 : this.box.x + 6;
    const height = entries.length * 16 + 4;
    const y0 = lower ? this.box.y + this.box.height - height - 4 : this.box.y + 4;
    make("rect", { x: x0, y: y0, width, height, class: "sl-legend-back" }, group);
    entries.forEach((entry, i) => {
      const y = y0 + 11 + 16 * i;
      if (entry.band) {
        make("rect", { x: x0 + 4, y: y - 5, width: 22, height: 10, fill: entry.color, "fill-opacity": entry.opacity ?? 0.2 }, group);
      } else {
        const line = make("line", { x1: x0 + 4, x2: x0 + 26, y1: y, y2: y, "stroke-width": entry.width ?? 2, class: entry.className || "" }, group);
        paint(line, entry.color);
        if (entry.opacity !== undefined) line.setAttribute("stroke-opacity", entry.opacity);
        if (DASHES[entry.dash || "-"]) line.setAttribute("stroke-dasharray", DASHES[entry.dash]);
        if (entry.marker) {
          const dot = make("circle", { cx: x0 + 15, cy: y, r: entry.marker, class: entry.className || "" }, group);
          paint(dot, entry.color, "fill");
          if (entry.opacity !== undefined) dot.setAttribute("fill-opacity", entry.opacity);
        }
      }
      make("text", { x: x0 + 31, y: y + 4, class: "sl-legend-text" }, group).textContent = entry.label;
    });
    return group;
  }
}

/**
 * The figure's two layers, stacked: `back` (the axes, drawn when they change) under `front`
 * (the data, drawn as the controls move), each an SVG of the same size.
 */
function figureLayers(parent, width, height, alt) {
  const stack = html("div", { class: "sl-figure-stack" }, parent);
  stack.style.maxWidth = `${width}px`;
  const attrs = { viewBox: `0 0 ${width} ${height}`, width, height, preserveAspectRatio: "xMinYMin meet" };
  const layer = (name) => {
    const svg = make("svg", { ...attrs, class: `sl-figure-layer sl-figure-${name}`, "aria-hidden": "true" }, stack);
    make("defs", {}, svg);
    return svg;
  };
  // Back to front: the axes; what moves under still data (a probability surface); data that
  // stays still (a scatter of the training data); the data that move with the controls.
  const back = layer("back");
  const under = layer("under");
  const still = layer("still");
  const front = make("svg", { ...attrs, class: "sl-figure-layer sl-figure-svg", role: "img", "aria-label": alt }, stack);
  make("title", {}, front).textContent = alt;
  make("defs", {}, front);
  return { back, under, still, front };
}

// ------------------------------------------------------------------------------ controls

function controlText(control, value) {
  if (control.type === "log") return `${control.label} = ${fmt(value, control.format || ".3g")}`;
  if (control.type === "int") return `${control.label} = ${value}`;
  return `${control.label} = ${fmt(value, control.format || ".1f")}`;
}

/**
 * The figure's own controls: labelled range inputs (arrow keys and mouse), checkboxes and
 * selects, each calling `onChange(name, value)` as it moves.
 */
function buildControls(root, spec, values, onChange) {
  const inputs = {};
  const box = html("div", { class: "sl-controls" }, root);
  const rows = spec.rows || [spec.controls.map((c) => c.name)];
  const byName = Object.fromEntries(spec.controls.map((c) => [c.name, c]));
  for (const row of rows) {
    const line = html("div", { class: "sl-control-row" }, box);
    for (const name of row) {
      const control = byName[name];
      const id = `sl-${Math.random().toString(36).slice(2, 10)}`;
      const wrap = html("div", { class: `sl-control sl-control-${control.type}`, "data-sl-name": name }, line);
      if (control.type === "checkbox") {
        const input = html("input", { type: "checkbox", id, "data-lm-suppress-shortcuts": true }, wrap);
        input.checked = Boolean(values[name]);
        const label = html("label", { for: id }, wrap, control.label);
        if (control.color) label.style.setProperty("--sl-swatch", cssColor(control.color));
        input.addEventListener("change", () => onChange(name, input.checked));
        inputs[name] = { input, control, set: (v) => { input.checked = Boolean(v); } };
        continue;
      }
      if (control.type === "select") {
        html("label", { for: id }, wrap, control.label);
        const select = html("select", { id, "data-lm-suppress-shortcuts": true }, wrap);
        for (const [label, value] of control.options) {
          const option = html("option", { value }, select, label);
          option.selected = value === values[name];
        }
        select.addEventListener("change", () => onChange(name, select.value));
        inputs[name] = { input: select, control, set: (v) => { select.value = v; } };
        continue;
      }
      html("label", { for: id }, wrap, control.label);
      const positions = Math.round((control.max - control.min) / control.step);
      const input = html("input", {
        type: "range",
        id,
        min: 0,
        max: positions,
        step: 1,
        "data-lm-suppress-shortcuts": true,
      }, wrap);
      const output = html("output", { for: id, class: "sl-value" }, wrap);
      const valueAt = (index) => (control.type === "log" ? control.grid[index] : sliderValue(control, index));
      const indexOf = (value) => {
        if (control.type !== "log") return sliderIndex(control, value);
        let best = 0;
        control.grid.forEach((g, i) => {
          if (Math.abs(Math.log(g / value)) < Math.abs(Math.log(control.grid[best] / value))) best = i;
        });
        return best;
      };
      const show = (value) => {
        input.value = String(indexOf(value));
        output.textContent = control.type === "log" ? fmt(value, control.format || ".3g") : control.type === "int" ? String(value) : fmt(value, control.format || ".1f");
        input.setAttribute("aria-valuetext", controlText(control, value));
      };
      show(values[name]);
      input.addEventListener("input", () => {
        const value = valueAt(Number(input.value));
        show(value);
        onChange(name, value);
      });
      inputs[name] = { input, control, set: show };
    }
  }
  return inputs;
}

// ------------------------------------------------------------------------------ figures

const FIGURES = {};

// One neuron, σ(wx + b), with its step position −b/w.
FIGURES.neuron = (svg, spec) => {
  const xs = linspace(spec.x[0], spec.x[1], spec.x[2]);
  const panel = new Panel(svg, { x: 62, y: 14, width: 524, height: 280 }, {
    xlim: [spec.x[0], spec.x[1]],
    ylim: [-0.05, 1.05],
    xlabel: spec.text.xlabel,
    ylabel: spec.text.ylabel,
  });
  const c = spec.colors;
  const limit = panel.line({ color: c.reference, dash: "--", width: 1.3 });
  const curve = panel.line({ color: c.sigmoid });
  const stepLine = panel.vline({ className: "sl-neutral", dash: ":", width: 0.8 });
  const stepPoint = panel.point({ color: c.accent, radius: 4.5 });
  const label = make("text", { class: "sl-annotation" }, panel.over);
  const ys = new Float64Array(xs.length);
  const step = new Float64Array(xs.length);
  const legend = (w) =>
    panel.legend([
      { label: spec.text.limit, color: c.reference, dash: "--", width: 1.3 },
      { label: "σ(wx + b)", color: c.sigmoid },
      { label: spec.text.step, color: c.accent, marker: 4, width: 0 },
    ], w >= 0 ? "upper left" : "upper right");
  return {
    update({ w, b }) {
      for (let i = 0; i < xs.length; i++) {
        const z = w * xs[i] + b;
        ys[i] = sigmoid(z);
        step[i] = z > 0 ? 1 : z < 0 ? 0 : 0.5;
      }
      curve.set(xs, ys);
      const state = { x: xs, curve: ys };
      if (w === 0) {
        limit.show(false);
        stepLine.show(false);
        stepPoint.show(false);
        label.style.display = "none";
      } else {
        const s = -b / w + 0;
        const inView = s >= spec.x[0] && s <= spec.x[1];
        limit.set(xs, step);
        limit.show(true);
        stepLine.setValue(s);
        stepLine.show(inView);
        stepPoint.set(s, 0.5);
        stepPoint.show(inView);
        label.style.display = inView ? "" : "none";
        const right = s > (spec.x[0] + spec.x[1]) / 2;
        const below = (w > 0) !== right;
        label.setAttribute("x", round2(panel.sx(s) + (right ? -8 : 8)));
        label.setAttribute("y", round2(panel.sy(0.5) + (below ? 16 : -8)));
        label.setAttribute("text-anchor", right ? "end" : "start");
        label.textContent = `−b/w = ${fmt(s)}`;
        state.step = s;
        state.limit = step;
      }
      legend(w);
      return state;
    },
  };
};

FIGURES.neuron.readout = (spec, { w, b }) => {
  if (w === 0) return fill(spec.text.flat, { value: fmt(sigmoid(b), ".3f") });
  const s = -b / w + 0;
  const width = spec.rise_width_factor / Math.abs(w);
  return fill(w > 0 ? spec.text.rises : spec.text.falls, { step: fmt(s), width: fmt(width) });
};

// The tangent to the S-curve at x₀ above, the slope σ′ below.
FIGURES.tangent = (svg, spec) => {
  const xs = linspace(spec.x[0], spec.x[1], spec.x[2]);
  const pad = 0.02 * (spec.x[1] - spec.x[0]);
  const xlim = [spec.x[0] - pad, spec.x[1] + pad];
  const c = spec.colors;
  const top = new Panel(svg, { x: 62, y: 12, width: 524, height: 230 }, {
    xlim, ylim: [-0.1, 1.1], ylabel: "σ(x)", hideXTickLabels: false,
  });
  const bottom = new Panel(svg, { x: 62, y: 272, width: 524, height: 150 }, {
    xlim, ylim: [-0.01, 0.3], xlabel: spec.text.xlabel, ylabel: spec.text.ylabel,
  });
  const s = Float64Array.from(xs, sigmoid);
  const g = Float64Array.from(xs, sigmoidGrad);
  const curve = top.line({ color: c.sigmoid });
  curve.set(xs, s);
  const tangent = top.line({ color: c.gradient, width: 1.6 });
  const point = top.point({ color: c.accent, radius: 5 });
  top.legend([{ label: "σ(x)", color: c.sigmoid }, { label: spec.text.tangent, color: c.gradient, width: 1.6 }], "lower right");
  const note = top.note(0.03, 0.95);
  bottom.hline(0.25, { color: c.reference, dash: "--", width: 1.2 });
  const gradCurve = bottom.line({ color: c.gradient });
  gradCurve.set(xs, g);
  const gradPoint = bottom.point({ color: c.accent, radius: 4.5 });
  bottom.legend([{ label: spec.text.maximum, color: c.reference, dash: "--", width: 1.2 }, { label: "σ′(x)", color: c.gradient }], "upper left");
  const line = new Float64Array(xs.length);
  return {
    update({ x0 }) {
      const value = sigmoid(x0);
      const slope = sigmoidGrad(x0);
      for (let i = 0; i < xs.length; i++) line[i] = value + slope * (xs[i] - x0);
      tangent.set(xs, line);
      point.set(x0, value);
      gradPoint.set(x0, slope);
      note.set(fill(spec.text.note, { fmt: fmt(x0), fmt2: fmt(value, ".3f"), fmt3: fmt(slope, ".4f") }).split("\n"));
      return { x: xs, curve: s, gradient: g, tangent: line, value, slope };
    },
  };
};

FIGURES.tangent.readout = (spec, { x0 }) => {
  const slope = sigmoidGrad(x0);
  return fill(spec.text.readout, { x0: fmt(x0), slope: fmt(slope, ".4f"), share: pyFormat(slope / 0.25, ".1%") });
};

/** sigmoid_lab.plots.gradients.chain_gradient: zₖ = w·(aₖ₋₁ − ½), aₖ = σ(zₖ). */
export function chainGradient(x, depth, weight) {
  const factors = new Float64Array(depth);
  const products = new Float64Array(depth);
  let a = x;
  let product = 1;
  for (let k = 0; k < depth; k++) {
    const z = weight * (a - 0.5);
    a = sigmoid(z);
    factors[k] = weight * sigmoidGrad(z);
    product = k === 0 ? factors[0] : product * factors[k];
    products[k] = product;
  }
  return { factors, products };
}

// The gradient through a chain of n sigmoid layers, on a log scale.
FIGURES.gradient_chain = (svg, spec) => {
  const c = spec.colors;
  const panel = new Panel(svg, { x: 70, y: 12, width: 516, height: 290 }, {
    xlim: [0.5, spec.max_depth + 0.5],
    ylim: spec.ylim,
    yscale: "log",
    xlabel: spec.text.xlabel,
    ylabel: spec.text.ylabel,
    ylabelOffset: 56,
  });
  panel.hspan(spec.ylim[0], spec.float32_resolution, { color: c.light, opacity: 0.2 });
  panel.hline(1, { className: "sl-neutral", width: 0.8 });
  const layers = Float64Array.from({ length: spec.max_depth }, (_, i) => i + 1);
  const best = panel.line({ color: c.reference, dash: "--", width: 1.3 });
  best.set(layers, Float64Array.from(layers, (n) => 0.25 ** n));
  const bound = panel.line({ color: c.warning, dash: ":", width: 1.8 });
  const product = panel.line({ color: c.gradient, marker: 2.2 });
  const end = panel.point({ color: c.accent, radius: 5 });
  const note = panel.note(0.02, 0.97);
  panel.legend([
    { label: spec.text.float32, color: c.light, band: true },
    { label: spec.text.best, color: c.reference, dash: "--", width: 1.3 },
    { label: spec.text.bound, color: c.warning, dash: ":", width: 1.8 },
    { label: spec.text.chain, color: c.gradient, marker: 2.2 },
  ], "lower left");
  const boundValues = new Float64Array(layers.length);
  return {
    update({ depth, x, weight }) {
      const chain = chainGradient(x, depth, weight);
      const magnitude = Float64Array.from(chain.products, Math.abs);
      product.set(layers, magnitude, depth);
      end.set(depth, magnitude[depth - 1]);
      const ratio = Math.abs(weight) / 4;
      for (let i = 0; i < layers.length; i++) boundValues[i] = ratio ** layers[i];
      bound.set(layers, boundValues);
      note.set([fill(spec.text.note, { depth, fmt: fmt(magnitude[depth - 1], ".1e") })]);
      return { layers: Array.from(layers.slice(0, depth)), product: magnitude, factors: chain.factors, bound: boundValues };
    },
  };
};

FIGURES.gradient_chain.readout = (spec, { depth, x, weight }) => {
  const chain = chainGradient(x, depth, weight);
  const value = Math.abs(chain.products[depth - 1]);
  const largest = Math.max(...Array.from(chain.factors, Math.abs));
  const t = spec.text;
  const verdict = value <= spec.float32_resolution ? t.lost : value > 1 ? t.grown : t.shrinking;
  return fill(depth > 1 ? t.layers : t.one_layer, { depth, value: fmt(value, ".1e"), verdict, largest: fmt(largest, ".3g") });
};

// Activations beside their derivatives, ticked on and off, read at a chosen input.
FIGURES.activations = (svg, spec) => {
  const xs = decode(spec.x);
  const left = new Panel(svg, { x: 58, y: 26, width: 290, height: 214 }, {
    xlim: [xs[0], xs[xs.length - 1]], ylim: spec.ylim_f, xlabel: spec.text.xlabel, ylabel: "f(x)", title: spec.text.title_f, ylabelOffset: 40,
  });
  const right = new Panel(svg, { x: 418, y: 26, width: 290, height: 214 }, {
    xlim: [xs[0], xs[xs.length - 1]], ylim: spec.ylim_grad, xlabel: spec.text.xlabel, ylabel: "f′(x)", title: spec.text.title_grad, ylabelOffset: 40,
  });
  for (const panel of [left, right]) {
    panel.hline(0, { className: "sl-neutral", width: 0.6 });
    const zero = panel.vline({ className: "sl-neutral", width: 0.6 });
    zero.setValue(0);
  }
  const lines = {};
  for (const a of spec.activations) {
    const f = left.line({ color: a.color, dash: a.dash });
    f.set(xs, decode(a.f));
    const g = right.line({ color: a.color, dash: a.dash });
    g.set(xs, decode(a.grad));
    lines[a.name] = { f, g, at: decode(a.at), gradAt: decode(a.grad_at), a };
  }
  const xLines = [left, right].map((p) => p.vline({ className: "sl-neutral", dash: "--", width: 1 }));
  const markers = [left, right].map(() => []);
  return {
    update(values) {
      const x = values.x;
      const index = sliderIndex(spec.x_control, x);
      const shown = spec.activations.filter((a) => values[a.name]);
      for (const a of spec.activations) {
        lines[a.name].f.show(values[a.name]);
        lines[a.name].g.show(values[a.name]);
      }
      xLines.forEach((line) => line.setValue(x));
      [left, right].forEach((panel, side) => {
        while (markers[side].length < spec.activations.length) markers[side].push(panel.point({ className: "sl-neutral-fill", radius: 3.5 }));
        markers[side].forEach((m, i) => {
          const a = spec.activations[i];
          m.set(x, side === 0 ? lines[a.name].at[index] : lines[a.name].gradAt[index]);
          m.show(Boolean(values[a.name]));
        });
      });
      left.legend(shown.map((a) => ({ label: a.label, color: a.color, dash: a.dash })), "upper left");
      return Object.fromEntries(shown.map((a) => [a.name, [lines[a.name].at[index], lines[a.name].gradAt[index]]]));
    },
  };
};

FIGURES.activations.readout = (spec, values) => {
  const index = sliderIndex(spec.x_control, values.x);
  const cell = "<td style='padding: 0 1em 0 0; text-align: right'>";
  const rows = spec.activations
    .filter((a) => values[a.name])
    .map((a) => {
      const f = decode(a.at)[index];
      const g = decode(a.grad_at)[index];
      return `<tr><td style='padding-right: 1em; color:${cssColor(a.color)}'>${a.label}</td>${cell}${fmt(f, ".4f")}</td>${cell}${fmt(g, ".4f")}</td></tr>`;
    })
    .join("");
  return rows
    ? `<table><tr><th>${fill(spec.text.at, { x: fmt(values.x, ".1f") })}</th>${cell}<b>f(x)</b></td>${cell}<b>f′(x)</b></td></tr>${rows}</table>`
    : spec.text.none;
};

// Gradient norm per layer at initialisation, for a depth and an activation.
FIGURES.gradient_flow = (svg, spec) => {
  const panel = new Panel(svg, { x: 70, y: 12, width: 516, height: 240 }, {
    xlim: [0.5, spec.max_depth + 1.5],
    ylim: spec.ylim,
    yscale: "log",
    yplain: true,
    xticks: spec.xticks,
    xlabel: spec.text.xlabel,
    ylabel: spec.text.ylabel,
    ylabelOffset: 56,
  });
  const reference = panel.line({ color: spec.relu.color, marker: 2.5, opacity: 0.35 });
  const norms = panel.line({ marker: 2.5 });
  return {
    update({ depth, activation }) {
      const option = spec.options[activation];
      const values = decode(option.norms[depth - 1]);
      const relu = decode(spec.relu.norms[depth - 1]);
      const layers = Float64Array.from({ length: depth + 1 }, (_, i) => i + 1);
      norms.node.classList.remove("sl-neutral");
      norms.node.removeAttribute("stroke");
      norms.markers.classList.remove("sl-neutral-fill");
      norms.markers.removeAttribute("fill");
      paint(norms.node, option.color);
      paint(norms.markers, option.color, "fill");
      norms.set(layers, values);
      reference.set(layers, relu);
      panel.legend([
        { label: spec.relu.label, color: spec.relu.color, opacity: 0.35, marker: 2.5 },
        { label: option.legend, color: option.color, marker: 2.5 },
      ], "lower right");
      return { layers: Array.from(layers), norms: values, reference: relu };
    },
  };
};

FIGURES.gradient_flow.readout = (spec, { depth, activation }) => {
  const option = spec.options[activation];
  const norms = decode(option.norms[depth - 1]);
  const relu = decode(spec.relu.norms[depth - 1]);
  const ratio = norms[norms.length - 1] > 0 ? norms[0] / norms[norms.length - 1] : Infinity;
  return fill(depth > 1 ? spec.text.readout : spec.text.one_layer, {
    activation: option.label,
    depth,
    ratio: pyFormat(ratio, ".2g"),
    relu: pyFormat(relu[0] / relu[relu.length - 1], ".2g"),
  });
};

/** sigmoid_lab.plots.training.nice_ceiling. */
export function niceCeiling(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (m * power >= value * (1 - 1e-12)) return Number((m * power).toFixed(12));
  }
  return 10 * power;
}

/** sigmoid_lab.plots.training.boundary_segment: the line w·x + b = 0 inside the extent. */
export function boundarySegment(w1, w2, bias, extent) {
  const [xMin, xMax, yMin, yMax] = extent;
  const candidates = [];
  if (w2 !== 0) for (const x of [xMin, xMax]) candidates.push([x, -(w1 * x + bias) / w2]);
  if (w1 !== 0) for (const y of [yMin, yMax]) candidates.push([-(w2 * y + bias) / w1, y]);
  const tolerance = 1e-12 * Math.max(1, xMax - xMin, yMax - yMin);
  const inside = candidates.filter(([x, y]) => x >= xMin - tolerance && x <= xMax + tolerance && y >= yMin - tolerance && y <= yMax + tolerance);
  const unique = [];
  for (const p of inside) if (unique.every((q) => Math.hypot(p[0] - q[0], p[1] - q[1]) > tolerance)) unique.push(p);
  if (unique.length < 2) return null;
  const pair = unique.slice(0, 2).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return [[pair[0][0], pair[1][0]], [pair[0][1], pair[1][1]]];
}

function mixColour(a, b, t) {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `rgb(${pa.map((v, i) => Math.round(v + (pb[i] - v) * t)).join(",")})`;
}

function probabilityColour(colours, p) {
  return p < 0.5 ? mixColour(colours[0], colours[1], p / 0.5) : mixColour(colours[1], colours[2], (p - 0.5) / 0.5);
}

// Logistic regression trained by gradient descent: every run precomputed by the package.
FIGURES.training = (svg, spec) => {
  const c = spec.colors;
  const t = spec.text;
  const iterations = decode(spec.iterations);
  const loss = new Panel(svg, { x: 62, y: 26, width: 190, height: 210 }, {
    xlim: [0, 1], ylim: spec.loss_ylim, yscale: spec.loss_log ? "log" : "linear", yplain: true,
    xlabel: t.iteration, ylabel: t.loss_label, title: t.loss_title,
  });
  const accuracy = new Panel(svg, { x: 330, y: 26, width: 190, height: 210 }, {
    xlim: [0, 1], ylim: [0.4, 1.02], xlabel: t.iteration, ylabel: t.accuracy_label, title: t.accuracy_title,
  });
  const extent = spec.extent;
  const surface = new Panel(svg, { x: 600, y: 26, width: 222, height: 210 }, {
    xlim: [extent[0], extent[1]], ylim: [extent[2], extent[3]], xlabel: t.x1, ylabel: t.x2,
    title: t.surface_title, grid: false, ylabelOffset: 36,
  });
  // The probability σ(w·x + b) is constant along lines parallel to the boundary, so the
  // surface is a linear gradient across it, with stops σ(z) for evenly spaced logits z.
  const gradientId = `sl-surface-${Math.random().toString(36).slice(2, 10)}`;
  const gradient = make("linearGradient", { id: gradientId, gradientUnits: "userSpaceOnUse", spreadMethod: "pad" }, svg.under.querySelector("defs"));
  const Z = 12;
  for (let k = 0; k <= 48; k++) {
    const z = -Z + (2 * Z * k) / 48;
    make("stop", { offset: k / 48, "stop-color": probabilityColour(spec.cmap, sigmoid(z)) }, gradient);
  }
  // The surface keeps its colours in both themes (white is "undecided"), so it lies on white,
  // and the boundary and the points' edges are drawn as on the static figure.
  const box = { x: surface.box.x, y: surface.box.y, width: surface.box.width, height: surface.box.height };
  make("rect", { ...box, fill: "#ffffff" }, svg.under);
  const fill = make("rect", { ...box, "fill-opacity": 0.75 }, svg.under);
  const boundary = surface.line({ color: BLACK, fixed: true, width: 1.5 });
  // The points stay put as the sliders move: a layer of their own is never redrawn for them.
  const clipId = `${gradientId}-clip`;
  make("rect", { x: surface.box.x, y: surface.box.y, width: surface.box.width, height: surface.box.height },
    make("clipPath", { id: clipId }, svg.still.querySelector("defs")));
  const pointsGroup = make("g", { class: "sl-scatter", "clip-path": `url(#${clipId})` }, svg.still);
  // The colour bar: P(y = 1) from 0 to 1.
  const bar = { x: 834, y: 26, width: 10, height: 210 };
  const barGradient = make("linearGradient", { id: `${gradientId}-bar`, x1: 0, x2: 0, y1: 1, y2: 0 }, svg.back.querySelector("defs"));
  for (let k = 0; k <= 20; k++) {
    make("stop", { offset: k / 20, "stop-color": probabilityColour(spec.cmap, k / 20), "stop-opacity": 0.75 }, barGradient);
  }
  make("rect", { ...bar, fill: "#ffffff" }, svg.back);
  make("rect", { ...bar, fill: `url(#${gradientId}-bar)`, class: "sl-colorbar" }, svg.back);
  for (const v of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    const y = bar.y + bar.height * (1 - v);
    make("line", { x1: bar.x + bar.width, x2: bar.x + bar.width + 3, y1: y, y2: y, class: "sl-tick-line" }, svg.back);
    make("text", { x: bar.x + bar.width + 5, y: y + 4, class: "sl-tick-text" }, svg.back).textContent = fixed(v, 1);
  }
  const lx = bar.x + bar.width + 36;
  const ly = bar.y + bar.height / 2;
  make("text", { x: lx, y: ly, transform: `rotate(-90 ${lx} ${ly})`, "text-anchor": "middle", class: "sl-axis-label" }, svg.back).textContent = "P(y = 1)";
  const lossLine = loss.line({ color: c.sigmoid });
  const accLine = accuracy.line({ color: c.reference });
  const state = { top: null, dataset: null };
  const runs = {};
  const runOf = (dataset) => {
    if (!runs[dataset]) {
      const d = spec.datasets[dataset];
      runs[dataset] = { values: decode(d.runs), X: decode(d.X), y: decode(d.y) };
    }
    return runs[dataset];
  };
  const drawPoints = (dataset) => {
    const { X, y } = runOf(dataset);
    pointsGroup.replaceChildren();
    for (const label of [0, 1]) {
      let d = "";
      for (let i = 0; i < y.length; i++) {
        if (y[i] !== label) continue;
        const px = surface.sx(X[2 * i]);
        const py = surface.sy(X[2 * i + 1]);
        d += label === 0
          ? `M${round2(px - 2.6)} ${round2(py)}a2.6 2.6 0 1 0 5.2 0a2.6 2.6 0 1 0 -5.2 0`
          : `M${round2(px)} ${round2(py - 3.2)}l2.8 4.9h-5.6z`;
      }
      make("path", { d, fill: spec.class_colors[label], stroke: "#ffffff", "stroke-width": 0.4 }, pointsGroup);
    }
  };
  return {
    update(values) {
      const dataset = values.data ?? spec.first_dataset;
      const run = runOf(dataset);
      if (state.dataset !== dataset) {
        drawPoints(dataset);
        state.dataset = dataset;
      }
      const column = trainingColumn(spec, values);
      const n = values.iterations;
      const count = iterations.findIndex((k) => k > n);
      const stop = Math.min(count < 0 ? iterations.length : count, column.failAt ?? Infinity);
      const S = iterations.length;
      const base = column.index * 5 * S;
      const lossValues = run.values.subarray(base, base + S);
      const accValues = run.values.subarray(base + S, base + 2 * S);
      // Steady x axis (steady_step_axis): kept while n fills at least half of it.
      const last = Math.max(n, 1);
      if (!(state.top && last <= state.top && last >= 0.5 * state.top)) state.top = niceCeiling(last);
      loss.setLimits({ xlim: [0, state.top] });
      accuracy.setLimits({ xlim: [0, state.top] });
      lossLine.set(iterations, lossValues, stop);
      accLine.set(iterations, accValues, stop);
      const at = stop - 1;
      const w1 = run.values[base + 2 * S + at];
      const w2 = run.values[base + 3 * S + at];
      const b = run.values[base + 4 * S + at];
      // The gradient runs along the direction in which z = w·x + b grows, in pixels.
      const failed = column.failAt !== undefined && column.failAt <= n;
      const dzdx = w1 / surface.x.k;
      const dzdy = w2 / surface.y.k;
      const norm2 = dzdx * dzdx + dzdy * dzdy;
      if (failed) {
        fill.setAttribute("fill", "none");
      } else if (norm2 === 0) {
        fill.setAttribute("fill", probabilityColour(spec.cmap, sigmoid(b)));
      } else {
        // The pixel at the middle of the extent, and its logit.
        const cx = (extent[0] + extent[1]) / 2;
        const cy = (extent[2] + extent[3]) / 2;
        const zc = w1 * cx + w2 * cy + b;
        const px = surface.sx(cx);
        const py = surface.sy(cy);
        const at = (z) => [px + ((z - zc) * dzdx) / norm2, py + ((z - zc) * dzdy) / norm2];
        const [x1, y1] = at(-Z);
        const [x2, y2] = at(Z);
        gradient.setAttribute("x1", x1);
        gradient.setAttribute("y1", y1);
        gradient.setAttribute("x2", x2);
        gradient.setAttribute("y2", y2);
        fill.setAttribute("fill", `url(#${gradientId})`);
      }
      const segment = failed ? null : boundarySegment(w1, w2, b, extent);
      if (segment) boundary.set(segment[0], segment[1]);
      else boundary.set([], []);
      return {
        iteration: Array.from(iterations.subarray(0, stop)),
        loss: lossValues.subarray(0, stop),
        accuracy: accValues.subarray(0, stop),
        weights: [w1, w2],
        bias: b,
        boundary: segment,
        failed,
      };
    },
  };
};

function trainingColumn(spec, values) {
  const dataset = spec.datasets[values.data ?? spec.first_dataset];
  if (values.auto_lr) return { index: spec.lr_grid.length, lr: dataset.safe_lr, failAt: dataset.fail_at[spec.lr_grid.length] ?? undefined, failure: dataset.failures[spec.lr_grid.length] };
  let index = 0;
  spec.lr_grid.forEach((g, i) => {
    if (Math.abs(Math.log(g / values.lr)) < Math.abs(Math.log(spec.lr_grid[index] / values.lr))) index = i;
  });
  return { index, lr: spec.lr_grid[index], failAt: dataset.fail_at[index] ?? undefined, failure: dataset.failures[index] };
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

FIGURES.training.readout = (spec, values) => {
  const dataset = spec.datasets[values.data ?? spec.first_dataset];
  const column = trainingColumn(spec, values);
  const n = values.iterations;
  if (column.failAt !== undefined && column.failAt <= n) {
    return `<span style="color:${spec.colors.gradient}">${fill(spec.text.failed, { message: escapeHtml(column.failure) })}</span>`;
  }
  const iterations = decode(spec.iterations);
  const S = iterations.length;
  const at = iterations.indexOf(n);
  const runs = decode(dataset.runs);
  const base = column.index * 5 * S;
  const lossValue = runs[base + at];
  const accuracy = runs[base + S + at];
  const w1 = runs[base + 2 * S + at];
  const w2 = runs[base + 3 * S + at];
  const b = runs[base + 4 * S + at];
  const norm = Math.sqrt(w1 * w1 + w2 * w2);
  let text = fill(values.auto_lr ? spec.text.readout_auto : spec.text.readout, {
    rate: fmt(column.lr, ".3g"),
    loss: fmt(lossValue, ".4f"),
    accuracy: pyFormat(accuracy, ".1%"),
    norm: fmt(norm),
    bias: fmt(b),
  });
  if (dataset.advice) text += `<br>${fill(spec.text.advice, { advice: escapeHtml(dataset.advice) })}`;
  return text;
};

FIGURES.training.controlState = (spec, values) => {
  const dataset = spec.datasets[values.data ?? spec.first_dataset];
  return {
    lr: { disabled: Boolean(values.auto_lr) },
    auto_lr: { label: fill(spec.text.auto_lr, { rate: pyFormat(dataset.safe_lr, ".3g") }) },
  };
};

// ------------------------------------------------------------------------------ the view

const SIZES = {
  neuron: [600, 340],
  tangent: [600, 466],
  gradient_chain: [600, 346],
  activations: [720, 282],
  gradient_flow: [600, 296],
  training: [900, 282],
};

/**
 * Draw the figure of `kind` into `el`, with its controls, readout and caption; `model` is
 * an anywidget model or a stand-in with get/set/on/off/save_changes. Returns a cleanup.
 */
export function mount(el, model) {
  const kind = model.get("kind");
  const spec = model.get("spec");
  const figure = FIGURES[kind];
  el.classList.add("sl-live");
  el.replaceChildren();
  el.setAttribute("data-lm-suppress-shortcuts", "");
  el.setAttribute("data-sl-kind", kind);
  if (spec.title) html("div", { class: "sl-live-title" }, el, spec.title);
  let values = { ...model.get("value") };
  const errors = html("div", { class: "sl-errors", role: "alert" });
  let draw = null;
  let state = null;
  let readoutHtml = "";
  // The kernel hears of a move once the frame that shows it is painted, at most once a frame:
  // the figure never waits for the message, nor for the kernel's reply.
  let syncPending = false;
  const sync = () => {
    syncPending = false;
    model.set("value", values);
    model.save_changes();
  };
  const inputs = buildControls(el, spec, values, (name, value) => {
    values = { ...values, [name]: value };
    render();
    if (!syncPending) {
      syncPending = true;
      requestAnimationFrame(() => setTimeout(sync, 0));
    }
  });
  const frame = html("figure", { class: "sl-figure" }, el);
  const [width, height] = SIZES[kind];
  const layers = figureLayers(frame, width, height, spec.alt);
  const readout = html("div", { class: "sl-readout", "aria-live": "polite" }, el);
  html("figcaption", { class: "sl-caption" }, frame, fill(spec.text.caption, { alt: spec.alt }));
  el.appendChild(errors);

  function applyControlState() {
    if (!figure.controlState) return;
    for (const [name, change] of Object.entries(figure.controlState(spec, values))) {
      const entry = inputs[name];
      if (!entry) continue;
      if ("disabled" in change) entry.input.disabled = change.disabled;
      if ("label" in change) entry.input.parentElement.querySelector("label").textContent = change.label;
    }
  }

  function render() {
    try {
      applyControlState();
      state = draw.update(values);
      readoutHtml = figure.readout(spec, values);
      readout.innerHTML = readoutHtml;
      errors.replaceChildren();
    } catch (error) {
      errors.textContent = fill(spec.text.error, { error: error && error.message ? error.message : error });
      throw error;
    }
  }

  draw = figure(layers, spec);
  render();

  const onChange = () => {
    if (syncPending) return; // this view's own newer values are on their way
    const incoming = model.get("value");
    if (JSON.stringify(incoming) === JSON.stringify(values)) return;
    values = { ...incoming };
    for (const [name, entry] of Object.entries(inputs)) entry.set(values[name]);
    render();
  };
  model.on("change:value", onChange);
  // For tests and benchmarks: what the figure draws now, and its readout, in numbers.
  el.__slFigure = {
    model,
    get state() {
      return state;
    },
    get values() {
      return values;
    },
    readout: () => readoutHtml,
  };
  return () => model.off("change:value", onChange);
}

/** A model for a figure saved in a notebook's output: no kernel, changes stay in the page. */
export class StaticModel {
  constructor(payload) {
    this.state = { kind: payload.kind, spec: payload.spec, value: { ...payload.value } };
    this.listeners = {};
  }

  get(name) {
    return this.state[name];
  }

  set(name, value) {
    this.state[name] = value;
    for (const callback of this.listeners[`change:${name}`] || []) callback();
  }

  save_changes() {}

  on(event, callback) {
    (this.listeners[event] ||= []).push(callback);
  }

  off(event, callback) {
    this.listeners[event] = (this.listeners[event] || []).filter((c) => c !== callback);
  }
}

/** Mount every figure saved on the page (the course website): `.sl-live-mount` elements. */
export function mountAll(root = document) {
  for (const holder of root.querySelectorAll(".sl-live-mount:not([data-sl-mounted])")) {
    const script = holder.querySelector(`script[type="${FIGURE_MIME}"]`);
    if (!script) continue;
    holder.setAttribute("data-sl-mounted", "");
    const payload = JSON.parse(script.textContent);
    const target = document.createElement("div");
    holder.appendChild(target);
    mount(target, new StaticModel(payload));
    const fallback = holder.querySelector(".sl-live-fallback");
    if (fallback) fallback.remove();
  }
}

export default {
  render({ model, el }) {
    return mount(el, model);
  },
};
