//! The argument table against PyTorch's defaults, the page's needs and both layer kinds.
use super::*;
use crate::error::Rule;
use crate::spec::{Conv2dSpec, ConvTranspose2dSpec, PaddingArg};

fn figure1() -> Config {
    Config::conv2d(Conv2dSpec::figure1(), 7, 7)
}

#[test]
fn every_argument_reads_back_what_was_set() {
    let mut c = figure1();
    let values = [
        (Arg::InChannels, Value::Int(4)),
        (Arg::OutChannels, Value::Int(6)),
        (Arg::KernelSize, Value::Pair(Pair::new(5, 2))),
        (Arg::Stride, Value::Pair(Pair::new(1, 3))),
        (Arg::Padding, Value::Word("same".into())),
        (Arg::Dilation, Value::Pair(Pair::new(4, 2))),
        (Arg::Groups, Value::Int(2)),
        (Arg::Bias, Value::Bool(false)),
        (Arg::PaddingMode, Value::Word("reflect".into())),
        (Arg::Height, Value::Int(9)),
        (Arg::Width, Value::Int(11)),
    ];
    for (arg, v) in &values {
        assert!(c.set(*arg, v.clone()), "{arg:?}");
        assert!(!c.set(*arg, v.clone()), "a second set changes nothing");
        assert_eq!(c.get(*arg).as_ref(), Some(v));
    }
    // The Python line is PyTorch's, built from the values set through the table.
    assert_eq!(
        c.layer.python(),
        "nn.Conv2d(4, 6, kernel_size=(5, 2), stride=(1, 3), padding='same', dilation=(4, 2), \
         groups=2, bias=False, padding_mode='reflect')"
    );
    assert_eq!((c.height, c.width), (9, 11));
}

#[test]
fn a_value_of_the_wrong_kind_is_refused() {
    let mut c = figure1();
    assert!(!c.set(Arg::Groups, Value::Pair(Pair::square(2))));
    assert!(!c.set(Arg::Bias, Value::Int(0)));
    assert!(!c.set(Arg::KernelSize, Value::Word("same".into())));
    assert_eq!(c, figure1());
}

#[test]
fn link_text_round_trips_through_every_argument() {
    let c = Config::conv2d(
        Conv2dSpec {
            padding: PaddingArg::Explicit(Pair::new(2, 0)),
            ..Conv2dSpec::figure1()
        },
        7,
        9,
    );
    for &arg in c.arguments() {
        let v = c.get(arg).unwrap();
        assert_eq!(arg.parse(&v.text()), Some(v), "{arg:?}");
    }
    assert_eq!(Arg::Padding.parse("SAME"), Some(Value::Word("SAME".into())));
    assert_eq!(Arg::Padding.parse("<script>"), None);
    assert_eq!(Arg::Stride.parse("1,2,3"), None);
    assert_eq!(Arg::Bias.parse("maybe"), None);
}

#[test]
fn defaults_are_pytorchs() {
    let c = figure1().with_defaults();
    assert_eq!(c.layer.python(), "nn.Conv2d(3, 2, kernel_size=3)");
}

#[test]
fn caps_bring_either_side_of_a_pair_down() {
    assert_eq!(
        Arg::KernelSize.capped(Value::Pair(Pair::new(3, 99))),
        (Value::Pair(Pair::new(3, 32)), true)
    );
    assert_eq!(
        Arg::OutChannels.capped(Value::Int(-5)),
        (Value::Int(-5), false)
    );
    assert_eq!(
        Arg::Bias.capped(Value::Bool(true)),
        (Value::Bool(true), false)
    );
}

#[test]
fn every_argument_of_a_kind_has_a_value_and_a_sweep_includes_the_current_value() {
    let c = figure1();
    for &arg in c.arguments() {
        assert!(c.get(arg).is_some(), "{arg:?}");
        assert!(arg.accepts(&c.get(arg).unwrap()));
        if let Some(v) = arg.sweep_values(&c) {
            assert!(v.contains(&arg.swept_value(&c).unwrap()), "{arg:?}");
        }
    }
}

fn transposed() -> Config {
    Config::conv_transpose2d(ConvTranspose2dSpec::upsample2x(), 4, 4)
}

#[test]
fn every_transposed_argument_reads_back_what_was_set() {
    let mut c = transposed();
    assert_eq!(c.layer.kind(), LayerKind::ConvTranspose2d);
    let values = [
        (Arg::InChannels, Value::Int(4)),
        (Arg::OutChannels, Value::Int(6)),
        (Arg::KernelSize, Value::Pair(Pair::new(5, 2))),
        (Arg::Stride, Value::Pair(Pair::new(2, 3))),
        (Arg::Padding, Value::Pair(Pair::new(1, 0))),
        (Arg::OutputPadding, Value::Pair(Pair::new(1, 2))),
        (Arg::Groups, Value::Int(2)),
        (Arg::Bias, Value::Bool(false)),
        (Arg::Dilation, Value::Pair(Pair::new(4, 2))),
        (Arg::PaddingMode, Value::Word("zeros".into())),
        (Arg::Height, Value::Int(9)),
        (Arg::Width, Value::Int(11)),
    ];
    assert_eq!(
        values.iter().map(|v| v.0).collect::<Vec<_>>(),
        c.arguments(),
        "PyTorch's order"
    );
    for (arg, v) in &values {
        c.set(*arg, v.clone());
        assert_eq!(c.get(*arg).as_ref(), Some(v), "{arg:?}");
    }
    assert_eq!(
        c.layer.python(),
        "nn.ConvTranspose2d(4, 6, kernel_size=(5, 2), stride=(2, 3), padding=(1, 0), \
         output_padding=(1, 2), groups=2, bias=False, dilation=(4, 2))"
    );
    let l = c.check().unwrap();
    assert_eq!(
        l.output_shape(),
        [6, 8 * 2 - 2 + 4 * 4 + 1 + 1, 10 * 3 + 2 + 2 + 1]
    );
    assert_eq!(l.weight_shape(), [4, 3, 5, 2]);
    assert_eq!(c.validate().unwrap_err().rule, Rule::Other);
}

#[test]
fn output_padding_is_only_a_transposed_argument() {
    let mut c = figure1();
    assert_eq!(c.get(Arg::OutputPadding), None);
    assert!(!c.set(Arg::OutputPadding, Value::Pair(Pair::square(1))));
    assert!(!c.arguments().contains(&Arg::OutputPadding));
    assert_eq!(
        Arg::OutputPadding.default(),
        Some(Value::Pair(Pair::square(0)))
    );
    assert_eq!(Arg::OutputPadding.slider(), (0, 5));
    assert_eq!(
        Arg::OutputPadding.sweep_values(&transposed()),
        Some(vec![0, 1, 2, 3])
    );
    assert_eq!(Arg::from_name("output_padding"), Some(Arg::OutputPadding));
    assert_eq!(
        LayerKind::from_name("conv_transpose2d"),
        Some(LayerKind::ConvTranspose2d)
    );
}

#[test]
fn transposed_defaults_are_pytorchs_and_the_switch_keeps_what_both_share() {
    assert_eq!(
        transposed().with_defaults().layer.python(),
        "nn.ConvTranspose2d(3, 2, kernel_size=4)"
    );
    let back = figure1().layer.to_kind(LayerKind::ConvTranspose2d);
    assert_eq!(
        back.python(),
        "nn.ConvTranspose2d(3, 2, kernel_size=3, stride=2, padding=1, dilation=2)"
    );
    assert_eq!(back.to_kind(LayerKind::Conv2d), figure1().layer);
    let mut t = transposed();
    t.set(Arg::OutputPadding, Value::Pair(Pair::square(1)));
    let round = t
        .layer
        .to_kind(LayerKind::Conv2d)
        .to_kind(LayerKind::ConvTranspose2d);
    assert_eq!(
        round.conv_transpose2d().unwrap().output_padding,
        Pair::square(0)
    );
    assert_eq!(
        Config {
            layer: back,
            ..figure1()
        }
        .check()
        .unwrap()
        .output_shape(),
        [2, 15, 15] // PyTorch: torch.Size([2, 15, 15])
    );
}
