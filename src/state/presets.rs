//! The nine figures of the seed article, and four ConvTranspose2d cases, as configurations.

use conv2d_core::data::{InputData, KernelData};
use conv2d_core::{Config, Conv2dSpec, ConvTranspose2dSpec, LayerKind, PaddingArg, Pair};

use super::Params;

/// A figure of the seed article (or a transposed case), with the arguments it labels it with.
pub struct Preset {
    /// The layer's kind.
    pub kind: LayerKind,
    /// output_padding (a ConvTranspose2d's).
    pub op: (i64, i64),
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
        if self.kind == LayerKind::ConvTranspose2d {
            let spec = ConvTranspose2dSpec {
                in_channels: self.input[0],
                out_channels: self.out,
                kernel_size: Pair::new(self.k.0, self.k.1),
                stride: Pair::new(self.s.0, self.s.1),
                padding: PaddingArg::Explicit(Pair::new(self.p.0, self.p.1)),
                output_padding: Pair::new(self.op.0, self.op.1),
                groups: self.g,
                bias: true,
                dilation: Pair::new(self.d.0, self.d.1),
                padding_mode: "zeros".into(),
            };
            return Config::conv_transpose2d(spec, self.input[1], self.input[2]);
        }
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
            reading: super::Reading::default(),
            // The checkerboard case opens on the map that shows it.
            overlap: self.name == "checkerboard",
            edits: std::rc::Rc::default(),
            layers: String::new(),
            stack_input: super::params::STACK_INPUT,
        }
    }

    /// The preset called `name` (`figure1` … `figure9`, `dcgan`, …), in any case.
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
        kind: LayerKind::Conv2d,
        op: (0, 0),
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

/// A ConvTranspose2d preset: its input, out_channels, [kernel_size, padding, stride, output_padding].
const fn up(
    name: &'static str,
    input: [i64; 3],
    out: i64,
    [k, p, s, op]: [(i64, i64); 4],
) -> Preset {
    Preset {
        kind: LayerKind::ConvTranspose2d,
        op,
        ..fig(name, input, out, [k, p, s, (1, 1)], 1)
    }
}

/// The nine figures of the seed article (input, out_channels, kernel, padding, stride, dilation,
/// groups), then four ConvTranspose2d cases: DCGAN's clean 2× upsampling (k4 s2 p1), the
/// checkerboard of k3 s2, the layer that undoes figure 1's shapes, and stride 1 (a plain
/// convolution with the kernel flipped and full padding).
pub const PRESETS: [Preset; 13] = [
    fig("figure1", [3, 7, 7], 2, [(3, 3), (1, 1), (2, 2), (2, 2)], 1),
    fig("figure2", [1, 9, 9], 1, [(3, 3), (0, 0), (1, 1), (1, 1)], 1),
    fig("figure3", [1, 7, 7], 4, [(3, 3), (0, 0), (1, 1), (1, 1)], 1),
    fig("figure4", [3, 7, 7], 4, [(3, 3), (0, 0), (1, 1), (1, 1)], 1),
    fig("figure5", [3, 7, 9], 2, [(5, 2), (0, 0), (1, 1), (1, 1)], 1),
    fig("figure6", [3, 9, 9], 2, [(3, 3), (0, 0), (1, 3), (1, 1)], 1),
    fig("figure7", [2, 7, 7], 1, [(3, 3), (1, 1), (1, 1), (1, 1)], 1),
    fig("figure8", [2, 7, 7], 1, [(3, 3), (1, 1), (1, 1), (4, 2)], 1),
    fig("figure9", [2, 7, 7], 4, [(3, 3), (2, 2), (2, 2), (1, 1)], 2),
    up("dcgan", [2, 4, 4], 1, [(4, 4), (1, 1), (2, 2), (0, 0)]),
    up(
        "checkerboard",
        [1, 4, 4],
        1,
        [(3, 3), (0, 0), (2, 2), (0, 0)],
    ),
    Preset {
        d: (2, 2),
        ..up(
            "undo-figure1",
            [2, 3, 3],
            3,
            [(3, 3), (1, 1), (2, 2), (0, 0)],
        )
    },
    up("stride1", [1, 5, 5], 1, [(3, 3), (0, 0), (1, 1), (0, 0)]),
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

    /// "Undo figure 1" is what "transpose this layer" makes of figure 1; DCGAN's block doubles.
    #[test]
    fn the_transposed_presets_are_what_they_say() {
        let fig1 = PRESETS[0].config().check().unwrap();
        let undo = Preset::named("undo-figure1").unwrap().1.config();
        let back = conv2d_core::transpose::undo::transpose_of(fig1.conv2d().unwrap()).unwrap();
        assert_eq!(undo.layer.conv_transpose2d(), Some(&back));
        let undone = undo.check().unwrap();
        assert_eq!(undone.output_shape(), fig1.input_shape());
        assert_eq!(undone.input_shape(), fig1.output_shape());
        let dcgan = Preset::named("dcgan").unwrap().1.config().check().unwrap();
        assert_eq!(dcgan.output_shape()[1..], [8, 8]);
        for p in &PRESETS {
            assert!(p.config().check().is_ok(), "{} is a valid layer", p.name);
        }
    }
}
