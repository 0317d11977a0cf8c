//! The query string <-> state, with PyTorch's argument names:
//! `in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode,
//! height, width`, plus `data`, `weights`, `seed` and `step`. A value that cannot be parsed is ignored
//! with a notice naming it; a value that parses but is invalid (groups=0) goes to PyTorch's rules.
//!
//! What a link leaves out: with no argument at all it opens on the seed's figure 1 (or on
//! `preset=figure1`…`figure9`); once it names an argument, the ones it leaves out take PyTorch's
//! defaults (stride 1, padding 0, dilation 1, groups 1, bias, zeros), and those PyTorch requires
//! (in_channels, out_channels, kernel_size) and the input size take figure 1's (3, 2, 3; 7 × 7).

use conv2d_core::data::{InputData, KernelData};
use conv2d_core::{PaddingArg, Pair};

use crate::state::{Notice, Params, CAP_CHANNELS, CAP_KERNEL, CAP_PADDING, CAP_SIZE, PRESETS};

/// The query keys that are Conv2d arguments (or the input's size).
const ARGUMENTS: [&str; 11] = [
    "in_channels",
    "out_channels",
    "kernel_size",
    "stride",
    "padding",
    "dilation",
    "groups",
    "bias",
    "padding_mode",
    "height",
    "width",
];

/// Where a link starts before its own values: a named preset, else PyTorch's defaults when it names
/// any argument, else figure 1.
fn base(query: &str) -> Params {
    let pairs = || form_urlencoded::parse(query.as_bytes());
    if let Some(p) = pairs()
        .filter(|(k, _)| k == "preset")
        .find_map(|(_, v)| PRESETS.iter().find(|p| p.name == v))
    {
        return p.params();
    }
    let figure1 = Params::default();
    if pairs().any(|(k, _)| ARGUMENTS.contains(&k.as_ref())) {
        let s = &figure1.spec;
        Params {
            spec: conv2d_core::Conv2dSpec::new(s.in_channels, s.out_channels, s.kernel_size),
            ..figure1
        }
    } else {
        figure1
    }
}

/// Percent-encodes a free-text value (padding words, padding_mode).
fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn parse_int(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

fn parse_pair(s: &str) -> Option<Pair> {
    let parts: Vec<&str> = s.split(',').collect();
    match parts.as_slice() {
        [a] => parse_int(a).map(Pair::square),
        [a, b] => Some(Pair::new(parse_int(a)?, parse_int(b)?)),
        _ => None,
    }
}

fn pair_str(p: Pair) -> String {
    if p.is_square() {
        p.h.to_string()
    } else {
        format!("{},{}", p.h, p.w)
    }
}

/// Parses a query string (with or without the leading `?`) over the defaults: the params, the step,
/// and a notice for each value that was ignored or capped.
pub fn parse(query: &str) -> (Params, Option<usize>, Vec<Notice>) {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut p = base(query);
    let mut step = None;
    let mut notices = Vec::new();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        let (k, v) = (k.into_owned(), v.into_owned());
        let mut bad = || {
            notices.push(Notice::Ignored {
                key: k.clone(),
                value: v.clone(),
            })
        };
        let capped = |n: i64, cap: i64, notices: &mut Vec<Notice>| {
            if n > cap {
                notices.push(Notice::Capped {
                    key: k.clone(),
                    cap,
                });
                cap
            } else {
                n
            }
        };
        let cap_pair = |q: Pair, cap: i64, notices: &mut Vec<Notice>| {
            let c = |n: i64| n.min(cap);
            if q.h > cap || q.w > cap {
                notices.push(Notice::Capped {
                    key: k.clone(),
                    cap,
                });
            }
            Pair::new(c(q.h), c(q.w))
        };
        match k.as_str() {
            "in_channels" | "out_channels" | "groups" | "height" | "width" => match parse_int(&v) {
                Some(n) => {
                    let cap = if k == "height" || k == "width" {
                        CAP_SIZE
                    } else {
                        CAP_CHANNELS
                    };
                    let n = capped(n, cap, &mut notices);
                    match k.as_str() {
                        "in_channels" => p.spec.in_channels = n,
                        "out_channels" => p.spec.out_channels = n,
                        "groups" => p.spec.groups = n,
                        "height" => p.height = n,
                        _ => p.width = n,
                    }
                }
                None => bad(),
            },
            "kernel_size" | "stride" | "dilation" => match parse_pair(&v) {
                Some(q) => {
                    let q = cap_pair(q, CAP_KERNEL, &mut notices);
                    match k.as_str() {
                        "kernel_size" => p.spec.kernel_size = q,
                        "stride" => p.spec.stride = q,
                        _ => p.spec.dilation = q,
                    }
                }
                None => bad(),
            },
            "padding" => match parse_pair(&v) {
                Some(q) => {
                    p.spec.padding = PaddingArg::Explicit(cap_pair(q, CAP_PADDING, &mut notices))
                }
                // Any other word is PyTorch's to reject ("Invalid padding string ..."), if it is a word.
                None if !v.is_empty()
                    && v.len() <= 20
                    && v.chars().all(|c| c.is_ascii_alphabetic()) =>
                {
                    p.spec.padding = PaddingArg::Named(v.clone())
                }
                None => bad(),
            },
            "padding_mode"
                if !v.is_empty() && v.len() <= 20 && v.chars().all(|c| c.is_ascii_alphabetic()) =>
            {
                p.spec.padding_mode = v.clone()
            }
            "bias" => match v.as_str() {
                "true" | "True" | "1" => p.spec.bias = true,
                "false" | "False" | "0" => p.spec.bias = false,
                _ => bad(),
            },
            "data" => match InputData::from_name(&v) {
                Some(d) => p.data = d,
                None => bad(),
            },
            "weights" => match KernelData::from_name(&v) {
                Some(d) => p.weights = d,
                None => bad(),
            },
            "seed" => match v.trim().parse::<u64>() {
                Ok(n) => p.seed = n,
                Err(_) => bad(),
            },
            "step" => match v.trim().parse::<usize>() {
                Ok(n) => step = Some(n),
                Err(_) => bad(),
            },
            "preset" if PRESETS.iter().any(|p| p.name == v) => {}
            "lang" if crate::i18n::Lang::from_tag(&v).is_some() => {}
            "preset" | "lang" => bad(),
            "embed" | "controls" => {}
            _ => notices.push(Notice::Unknown { key: k.clone() }),
        }
    }
    (p, step, notices)
}

/// Whether a view flag such as `embed=1` is on in the query string.
pub fn flag(query: &str, name: &str) -> bool {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes()).any(|(k, v)| k == name && (v == "1" || v == "true"))
}

/// The language asked for with `lang=`, if it is one the page has.
pub fn lang(query: &str) -> Option<crate::i18n::Lang> {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| crate::i18n::Lang::from_tag(&v))
}

/// The query string for `params` (every argument, PyTorch's names) and the animation step.
pub fn to_query(p: &Params, step: Option<usize>) -> String {
    let s = &p.spec;
    let padding = match &s.padding {
        PaddingArg::Explicit(q) => pair_str(*q),
        PaddingArg::Named(n) => n.clone(),
    };
    let mut q = format!(
        "in_channels={}&out_channels={}&kernel_size={}&stride={}&padding={}&dilation={}&groups={}&bias={}&padding_mode={}&height={}&width={}&data={}&weights={}&seed={}",
        s.in_channels,
        s.out_channels,
        pair_str(s.kernel_size),
        pair_str(s.stride),
        encode(&padding),
        pair_str(s.dilation),
        s.groups,
        s.bias,
        encode(&s.padding_mode),
        p.height,
        p.width,
        p.data.name(),
        p.weights.name(),
        p.seed
    );
    if let Some(step) = step {
        q += &format!("&step={step}");
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let mut p = Params::default();
        p.spec.kernel_size = Pair::new(5, 2);
        p.spec.padding = PaddingArg::same();
        p.spec.padding_mode = "reflect".into();
        p.spec.bias = false;
        p.data = InputData::Digit;
        p.seed = 42;
        let (back, step, notices) = parse(&to_query(&p, Some(3)));
        assert_eq!(back, p);
        assert_eq!(step, Some(3));
        assert!(notices.is_empty(), "{notices:?}");
    }

    #[test]
    fn junk_is_ignored_with_a_notice_and_invalid_values_reach_pytorchs_rules() {
        let (p, _, notices) = parse("?groups=0&stride=abc&padding=%3Cscript%3E&bias=maybe&foo=1");
        assert_eq!(p.spec.groups, 0);
        assert_eq!(p.spec.stride, Pair::square(1), "PyTorch's default");
        assert_eq!(p.spec.padding, PaddingArg::Explicit(Pair::square(0)));
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
            p.spec.python(),
            "nn.Conv2d(3, 2, kernel_size=4, padding='same')"
        );
        assert!(notices.is_empty(), "{notices:?}");
        // A preset by name, then the link's own values over it.
        let (p, _, _) = parse("?preset=figure9&bias=false");
        let mut want = PRESETS[8].params();
        want.spec.bias = false;
        assert_eq!(p, want);
        // Unknown presets and languages are named in a notice.
        let (_, _, notices) = parse("?preset=9&lang=fr");
        assert_eq!(notices.len(), 2, "{notices:?}");
    }

    #[test]
    fn a_padding_word_goes_to_pytorch() {
        let (p, _, _) = parse("padding=SAME");
        assert_eq!(p.spec.padding, PaddingArg::Named("SAME".into()));
    }
}
