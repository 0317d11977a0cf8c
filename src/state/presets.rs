//! The nine figures of the seed article, as configurations.

use conv2d_core::data::{InputData, KernelData};
use conv2d_core::{Config, Conv2dSpec, PaddingArg, Pair};

use super::Params;

/// A figure of the seed article, with the arguments it labels it with.
pub struct Preset {
    /// Short name (URL and menu).
    pub name: &'static str,
    /// (C, H, W) in.
    pub input: [i64; 3],
    /// out_channels.
    pub out: i64,
    /// kernel_size.
    pub k: (i64, i64),
    /// padding.
    pub p: (i64, i64),
    /// stride.
    pub s: (i64, i64),
    /// dilation.
    pub d: (i64, i64),
    /// groups.
    pub g: i64,
}

impl Preset {
    /// The configuration of this figure.
    pub fn config(&self) -> Config {
        let spec = Conv2dSpec {
            in_channels: self.input[0],
            out_channels: self.out,
            kernel_size: Pair::new(self.k.0, self.k.1),
            stride: Pair::new(self.s.0, self.s.1),
            padding: PaddingArg::Explicit(Pair::new(self.p.0, self.p.1)),
            dilation: Pair::new(self.d.0, self.d.1),
            groups: self.g,
            bias: true,
            padding_mode: "zeros".into(),
        };
        Config::conv2d(spec, self.input[1], self.input[2])
    }

    /// The params of this figure (seeded data, seed 0).
    pub fn params(&self) -> Params {
        Params {
            config: self.config(),
            data: InputData::Seeded,
            weights: KernelData::Seeded,
            seed: 0,
        }
    }

    /// The preset called `name`: `figure1` … `figure9`, in any case.
    pub fn named(name: &str) -> Option<(usize, &'static Preset)> {
        PRESETS
            .iter()
            .enumerate()
            .find(|(_, p)| p.name.eq_ignore_ascii_case(name.trim()))
    }

    /// The preset whose configuration `config` is, if any.
    pub fn of(config: &Config) -> Option<&'static Preset> {
        PRESETS.iter().find(|p| p.config() == *config)
    }
}

/// A preset from its input, out_channels, [kernel_size, padding, stride, dilation] and groups.
const fn fig(
    name: &'static str,
    input: [i64; 3],
    out: i64,
    [k, p, s, d]: [(i64, i64); 4],
    g: i64,
) -> Preset {
    Preset {
        name,
        input,
        out,
        k,
        p,
        s,
        d,
        g,
    }
}

/// The nine figures of the seed article: input, out_channels, kernel, padding, stride, dilation, groups.
pub const PRESETS: [Preset; 9] = [
    fig("figure1", [3, 7, 7], 2, [(3, 3), (1, 1), (2, 2), (2, 2)], 1),
    fig("figure2", [1, 9, 9], 1, [(3, 3), (0, 0), (1, 1), (1, 1)], 1),
    fig("figure3", [1, 7, 7], 4, [(3, 3), (0, 0), (1, 1), (1, 1)], 1),
    fig("figure4", [3, 7, 7], 4, [(3, 3), (0, 0), (1, 1), (1, 1)], 1),
    fig("figure5", [3, 7, 9], 2, [(5, 2), (0, 0), (1, 1), (1, 1)], 1),
    fig("figure6", [3, 9, 9], 2, [(3, 3), (0, 0), (1, 3), (1, 1)], 1),
    fig("figure7", [2, 7, 7], 1, [(3, 3), (1, 1), (1, 1), (1, 1)], 1),
    fig("figure8", [2, 7, 7], 1, [(3, 3), (1, 1), (1, 1), (4, 2)], 1),
    fig("figure9", [2, 7, 7], 4, [(3, 3), (2, 2), (2, 2), (1, 1)], 2),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_found_by_name_in_any_case_and_by_configuration() {
        assert_eq!(Preset::named("Figure9").map(|p| p.0), Some(8));
        assert!(Preset::named("figure10").is_none());
        let c = PRESETS[4].config();
        assert_eq!(Preset::of(&c).map(|p| p.name), Some("figure5"));
        assert_eq!(
            c.layer.python(),
            "nn.Conv2d(3, 2, kernel_size=(5, 2))",
            "figure 5 as the article labels it"
        );
    }
}
