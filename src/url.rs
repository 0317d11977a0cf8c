//! The query string <-> state. Every argument of the layer's kind is a key with PyTorch's name
//! ([`conv2d_core::Arg`] says how each is read, written and capped), plus `op` (the kind, written
//! only when it is not `conv2d`; a link without it is a Conv2d), for a ConvTranspose2d `view`
//! (`scatter` or `conv`) and `overlap=1`, then `data`, `weights`, `seed`, the values typed over them
//! (`input_values`, `weight_values`, `bias_values`: a shape and base64 f32s, see [`encode`]) and
//! `step`. A value that cannot be read is
//! ignored with a notice naming it; a value that reads but is invalid (groups=0) goes to PyTorch's
//! rules.
//!
//! What a link leaves out: with no argument at all it opens on the seed's figure 1 (or on
//! `preset=figure1`…`figure9`); once it names an argument, the ones it leaves out take PyTorch's
//! defaults (stride 1, padding 0, dilation 1, groups 1, bias, zeros), and those PyTorch requires
//! (in_channels, out_channels, kernel_size) and the input size take figure 1's (3, 2, 3; 7 × 7).

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use conv2d_core::data::{InputData, KernelData};
use conv2d_core::{Arg, LayerKind, Tensor};

use crate::state::notices::note_cap;
use crate::state::{Notice, Params, Preset, Reading};

/// The key/value pairs of a query string (with or without the leading `?`).
fn pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned()))
}

/// Where a link starts before its own values: a named preset, else PyTorch's defaults when it names
/// any argument, else figure 1; as the layer kind `op` names (keeping what both kinds share).
fn base(query: &str) -> Params {
    let kind = pairs(query)
        .filter(|(k, _)| k == "op")
        .find_map(|(_, v)| LayerKind::from_name(&v));
    let mut p = match pairs(query)
        .filter(|(k, _)| k == "preset")
        .find_map(|(_, v)| Preset::named(&v))
    {
        Some((_, preset)) => preset.params(),
        None => Params::default(),
    };
    if let Some(kind) = kind {
        p.config.layer = p.config.layer.to_kind(kind);
    }
    let preset = pairs(query).any(|(k, _)| k == "preset");
    if !preset && pairs(query).any(|(k, _)| Arg::from_name(&k).is_some()) {
        p.config = p.config.with_defaults();
    }
    p
}

/// Parses a query string (with or without the leading `?`) over the defaults: the params, the step,
/// and a notice for each value that was ignored or capped.
pub fn parse(query: &str) -> (Params, Option<usize>, Vec<Notice>) {
    parse_capped(query, true)
}

/// The configuration a query written by the page itself describes, its arguments not capped (a stack's
/// layer or the picture view may go past the controls' caps): how a worker reads a view's
/// configuration (`worker::view_message`).
pub fn parse_exact(query: &str) -> Params {
    parse_capped(query, false).0
}

fn parse_capped(query: &str, caps: bool) -> (Params, Option<usize>, Vec<Notice>) {
    let mut p = base(query);
    let mut step = None;
    let mut notices = Vec::new();
    let args = p.config.arguments();
    for (k, v) in pairs(query) {
        let ok = match k.as_str() {
            key if Arg::from_name(key).is_some_and(|a| args.contains(&a)) => {
                let Some(arg) = Arg::from_name(key) else {
                    continue;
                };
                arg.parse(&v).map(|value| {
                    let (value, capped) = if caps {
                        arg.capped(value)
                    } else {
                        (value, false)
                    };
                    note_cap(&mut notices, arg, capped);
                    p.config.set(arg, value);
                })
            }
            // Applied in `base`, before the arguments (output_padding is a ConvTranspose2d's).
            "op" => LayerKind::from_name(&v).map(drop),
            "view" => Reading::from_name(&v).map(|r| p.reading = r),
            "overlap" => match v.trim() {
                "1" | "true" => Some(true),
                "0" | "false" => Some(false),
                _ => None,
            }
            .map(|on| p.overlap = on),
            "input_values" | "weight_values" | "bias_values" => decode(&v).map(|t| {
                let mut e = (*p.edits).clone();
                match k.as_str() {
                    "input_values" => e.input = Some(t),
                    "weight_values" => e.weight = Some(t),
                    _ => e.bias = Some(t.data),
                }
                p.edits = std::rc::Rc::new(e);
            }),
            "layers" => {
                p.layers = v.clone();
                Some(())
            }
            "stack_input" => stack_input(&v).map(|i| p.stack_input = i),
            "data" => InputData::from_name(&v).map(|d| p.data = d),
            "weights" => KernelData::from_name(&v).map(|d| p.weights = d),
            "seed" => v.trim().parse().ok().map(|n| p.seed = n),
            "step" => v.trim().parse().ok().map(|n| step = Some(n)),
            "preset" => Preset::named(&v).map(drop),
            "lang" => crate::i18n::Lang::from_tag(&v).map(drop),
            "chart_time" => crate::charts::TimeAt::from_name(&v).map(drop),
            "embed" | "controls" | "stack" => Some(()),
            _ => {
                notices.push(Notice::Unknown { key: k });
                continue;
            }
        };
        if ok.is_none() {
            notices.push(Notice::Ignored { key: k, value: v });
        }
    }
    (p, step, notices)
}

/// Whether a view flag such as `embed=1` is on in the query string.
pub fn flag(query: &str, name: &str) -> bool {
    pairs(query).any(|(k, v)| k == name && (v == "1" || v == "true"))
}

/// The language asked for with `lang=`, if it is one the page has.
pub fn lang(query: &str) -> Option<crate::i18n::Lang> {
    pairs(query)
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| crate::i18n::Lang::from_tag(&v))
}

/// Which input the charts' times are measured on, as `chart_time=` asks (`256`: the article's
/// 256 × 256; else as shown).
pub fn chart_time(query: &str) -> crate::charts::TimeAt {
    pairs(query)
        .find(|(k, _)| k == "chart_time")
        .and_then(|(_, v)| crate::charts::TimeAt::from_name(&v))
        .unwrap_or_default()
}

/// The query string for `params` (every argument, PyTorch's names) and the animation step.
pub fn to_query(p: &Params, step: Option<usize>) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    let kind = p.config.layer.kind();
    if kind != LayerKind::default() {
        q.append_pair("op", kind.name());
    }
    for &arg in p.config.arguments() {
        if let Some(v) = p.config.get(arg) {
            q.append_pair(arg.name(), &v.text());
        }
    }
    if kind == LayerKind::ConvTranspose2d {
        q.append_pair("view", p.reading.name());
        if p.overlap {
            q.append_pair("overlap", "1");
        }
    }
    if edits_fit(p) {
        let e = &p.edits;
        for (key, t) in [
            ("input_values", e.input.as_ref()),
            ("weight_values", e.weight.as_ref()),
        ] {
            if let Some(t) = t {
                q.append_pair(key, &encode(&t.shape, &t.data));
            }
        }
        if let Some(b) = &e.bias {
            q.append_pair("bias_values", &encode(&[b.len()], b));
        }
    }
    q.append_pair("data", p.data.name())
        .append_pair("weights", p.weights.name())
        .append_pair("seed", &p.seed.to_string());
    if !p.layers.is_empty() {
        q.append_pair("layers", &p.layers);
        let [c, h, w] = p.stack_input;
        q.append_pair("stack_input", &format!("{c},{h},{w}"));
    }
    if let Some(step) = step {
        q.append_pair("step", &step.to_string());
    }
    // Pairs stay readable (`kernel_size=5,2`, `input=3x7x7:…`): a comma or colon needs no escaping
    // in a query.
    q.finish().replace("%2C", ",").replace("%3A", ":")
}

/// A stack's input from a link: `C,H,W`, each at least 1 and at most 1024.
pub fn stack_input(text: &str) -> Option<[i64; 3]> {
    let v: Vec<i64> = text
        .split(',')
        .map(|p| p.trim().parse().ok())
        .collect::<Option<_>>()?;
    match v.as_slice() {
        &[c, h, w] if [c, h, w].iter().all(|n| (1..=1024).contains(n)) => Some([c, h, w]),
        _ => None,
    }
}

/// The most characters of edited values a link carries; more, and the link keeps the generated data
/// (the page says so).
pub const EDITS_IN_LINK: usize = 24_000;

/// A tensor in a link: its shape, then its f32s (little-endian) in URL-safe base64:
/// `3x7x7:AACAPwAAAEA…`. Exact: every value reads back as the same f32.
pub fn encode(shape: &[usize], data: &[f32]) -> String {
    let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
    let bytes: Vec<u8> = data.iter().flat_map(|v| v.to_le_bytes()).collect();
    format!("{}:{}", dims.join("x"), B64.encode(bytes))
}

/// The tensor [`encode`] wrote, if the text is one (a shape of 1 to 4 sides, as many finite
/// values as it holds).
pub fn decode(text: &str) -> Option<Tensor> {
    let (dims, b64) = text.trim().split_once(':')?;
    let shape: Vec<usize> = dims
        .split('x')
        .map(|d| d.parse().ok())
        .collect::<Option<_>>()?;
    let n = shape.iter().try_fold(1usize, |n, &d| n.checked_mul(d))?;
    if shape.is_empty() || shape.len() > 4 || n == 0 {
        return None;
    }
    let bytes = B64.decode(b64).ok()?;
    if bytes.len() != n * 4 {
        return None;
    }
    let data: Vec<f32> = bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    data.iter()
        .all(|v| v.is_finite())
        .then_some(Tensor { shape, data })
}

/// Whether the edited values are small enough to go in a link ([`EDITS_IN_LINK`]).
pub fn edits_fit(p: &Params) -> bool {
    // Base64 writes 4 characters per f32 and a third more.
    p.edits.values() * 16 / 3 <= EDITS_IN_LINK
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::PRESETS;
    use conv2d_core::{Pair, Value};

    #[test]
    fn round_trips() {
        let mut p = Params::default();
        p.config.set(Arg::KernelSize, Value::Pair(Pair::new(5, 2)));
        p.config.set(Arg::Padding, Value::Word("same".into()));
        p.config
            .set(Arg::PaddingMode, Value::Word("reflect".into()));
        p.config.set(Arg::Bias, Value::Bool(false));
        p.data = InputData::Digit;
        p.seed = 42;
        let q = to_query(&p, Some(3));
        assert!(q.contains("kernel_size=5,2&"), "{q}");
        let (back, step, notices) = parse(&q);
        assert_eq!(back, p);
        assert_eq!(step, Some(3));
        assert!(notices.is_empty(), "{notices:?}");
    }

    #[test]
    fn junk_is_ignored_with_a_notice_and_invalid_values_reach_pytorchs_rules() {
        let (p, _, notices) = parse("?groups=0&stride=abc&padding=%3Cscript%3E&bias=maybe&foo=1");
        assert_eq!(p.config.get(Arg::Groups), Some(Value::Int(0)));
        assert_eq!(
            p.config.get(Arg::Stride),
            Some(Value::Pair(Pair::square(1))),
            "PyTorch's default"
        );
        assert_eq!(
            p.config.get(Arg::Padding),
            Some(Value::Pair(Pair::square(0)))
        );
        assert_eq!(notices.len(), 4, "{notices:?}");
        assert!(notices[0].text(&crate::i18n::EN).contains("stride"));
    }

    #[test]
    fn what_a_link_leaves_out() {
        // Nothing named: the seed's figure 1.
        assert_eq!(parse("?step=2").0, Params::default());
        // One argument named: PyTorch's defaults for the rest, so `padding=same` works as in PyTorch.
        let (p, _, notices) = parse("?kernel_size=4&padding=same");
        assert_eq!(
            p.config.layer.python(),
            "nn.Conv2d(3, 2, kernel_size=4, padding='same')"
        );
        assert!(notices.is_empty(), "{notices:?}");
        // A preset by name (in any case), then the link's own values over it.
        let (p, _, _) = parse("?preset=Figure9&bias=false");
        let mut want = PRESETS[8].params();
        want.config.set(Arg::Bias, Value::Bool(false));
        assert_eq!(p, want);
        // Unknown presets, languages and layer kinds are named in a notice.
        let (_, _, notices) = parse("?preset=9&lang=fr&op=linear");
        assert_eq!(notices.len(), 3, "{notices:?}");
        assert!(parse("?op=conv2d").2.is_empty());
        let (p, _, notices) = parse("?op=conv_transpose2d&output_padding=1");
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(
            p.config.layer.python(),
            "nn.ConvTranspose2d(3, 2, kernel_size=3, output_padding=1)"
        );
        // Without `op`, output_padding is no argument of the Conv2d.
        assert_eq!(parse("?output_padding=1").2.len(), 1);
    }

    #[test]
    fn a_transposed_layer_round_trips_with_its_view_and_overlap_map() {
        let (mut p, _, _) = parse("?preset=checkerboard");
        p.config
            .set(Arg::OutputPadding, Value::Pair(Pair::new(1, 0)));
        p.reading = Reading::Conv;
        p.overlap = true;
        let q = to_query(&p, None);
        assert!(q.starts_with("op=conv_transpose2d&"), "{q}");
        assert!(
            q.contains("output_padding=1,0&") && q.contains("view=conv&overlap=1"),
            "{q}"
        );
        let (back, _, notices) = parse(&q);
        assert_eq!(back, p);
        assert!(notices.is_empty(), "{notices:?}");
    }

    #[test]
    fn edited_values_round_trip_exactly_and_junk_is_ignored() {
        let p = Params {
            edits: std::rc::Rc::new(crate::state::edits::Edits {
                input: Some(Tensor {
                    shape: vec![3, 7, 7],
                    data: (0..147).map(|i| i as f32 / 7.0 - 3.3).collect(),
                }),
                weight: None,
                bias: Some(vec![0.1, -2.5]),
            }),
            ..Params::default()
        };
        let q = to_query(&p, None);
        assert!(
            q.contains("input_values=3x7x7:") && q.contains("bias_values=2:"),
            "{q}"
        );
        let (back, _, notices) = parse(&q);
        assert_eq!(back, p, "every f32 back exactly");
        assert!(notices.is_empty());
        let (_, _, notices) = parse("?input_values=3x7x7:AAAA&weight_values=zz&bias_values=2:");
        assert_eq!(notices.len(), 3, "{notices:?}");
        assert_eq!(decode("1:AADAfw"), None, "NaN is no value");
    }

    #[test]
    fn edits_too_large_for_a_link_are_left_out_of_it() {
        let p = Params {
            edits: std::rc::Rc::new(crate::state::edits::Edits {
                input: Some(Tensor {
                    shape: vec![3, 64, 64],
                    data: vec![0.5; 3 * 64 * 64],
                }),
                ..Default::default()
            }),
            ..Params::default()
        };
        assert!(!edits_fit(&p));
        assert!(!to_query(&p, None).contains("input_values="));
    }

    #[test]
    fn a_stack_round_trips_as_its_own_text() {
        let p = Params {
            layers: "nn.Sequential(\n  nn.Conv2d(3, 64, 7, stride=2, padding=3),  # stem\n  nn.ReLU(),\n)".into(),
            stack_input: [3, 64, 96],
            ..Params::default()
        };
        let q = to_query(&p, None);
        assert!(q.contains("stack_input=3,64,96"), "{q}");
        let (back, _, notices) = parse(&q);
        assert_eq!(back, p);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(
            parse("?stack_input=3,0,5").2.len(),
            1,
            "a side of 0 is named"
        );
    }

    #[test]
    fn a_padding_word_goes_to_pytorch() {
        let (p, _, _) = parse("padding=SAME");
        assert_eq!(p.config.get(Arg::Padding), Some(Value::Word("SAME".into())));
    }

    #[test]
    fn values_over_the_cap_are_capped_with_one_notice_each() {
        let (p, _, notices) = parse("kernel_size=3,99&height=1000");
        assert_eq!(
            p.config.get(Arg::KernelSize),
            Some(Value::Pair(Pair::new(3, Arg::KernelSize.cap().unwrap())))
        );
        assert_eq!(p.config.height, Arg::Height.cap().unwrap());
        assert_eq!(notices.len(), 2, "{notices:?}");
    }
}
