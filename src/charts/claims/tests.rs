//! The claims' verdicts on timed series, against the article's claims and this layer's own.

use super::*;
use crate::charts::Timing;
use crate::i18n::{EN, ZH};
use conv2d_core::{Config, Conv2dSpec, PaddingArg, Pair};

/// Sets every point's time (µs) from its x and MACs; the batches spread by `spread` µs.
fn timed(mut s: Series, spread: f64, us: impl Fn(&Point) -> f64) -> Series {
    for p in &mut s.points {
        let m = us(p) / 1e3;
        p.too_large = false;
        p.timing = Some(Timing {
            median_ms: m,
            min_ms: m - spread / 2e3,
            max_ms: m + spread / 2e3,
            repeats: 70,
        });
    }
    s
}

fn config(cin: i64, cout: i64, k: i64, hw: i64) -> Config {
    Config::conv2d(Conv2dSpec::new(cin, cout, Pair::square(k)), hw, hw)
}

fn verdicts(s: &Series) -> (Option<Verdict>, Option<Verdict>, Judgement) {
    let j = judge(s, &EN).unwrap();
    (j.params.verdict, j.time.verdict, j)
}

#[test]
fn a_time_proportional_to_the_claim_holds_and_the_parameters_are_stated_exactly() {
    let s = Series::new(SweepArg::Arg(Arg::InChannels), &config(3, 8, 3, 32));
    let s = timed(s, 0.1, |p| p.macs as f64 / 500.0);
    let (params, time, j) = verdicts(&s);
    assert_eq!((params, time), (Some(Verdict::Holds), Some(Verdict::Holds)));
    // 8 out × 3×3 weights per input channel, plus 8 biases.
    assert!(
        j.params
            .text
            .contains("exactly 72 × in_channels + 8 (the bias)"),
        "{}",
        j.params.text
    );
    assert!(
        j.time
            .text
            .contains("∝ in_channels: R² 1.00 (fit through the origin)"),
        "{}",
        j.time.text
    );
    assert!(j.time.text.ends_with("✓ holds"), "{}", j.time.text);
}

#[test]
fn a_fixed_cost_that_only_an_intercept_absorbs_does_not_hold_as_a_proportion() {
    // 20 µs of overhead plus the work: with an intercept the line is perfect, through the
    // origin it is not, so "time ∝ out_channels" does not hold, and the reason is named.
    let s = Series::new(SweepArg::Arg(Arg::OutChannels), &config(3, 2, 3, 7));
    let s = timed(s, 0.1, |p| 20.0 + p.x as f64 * 0.5);
    let (_, time, j) = verdicts(&s);
    assert_eq!(time, Some(Verdict::DoesNotHold));
    assert!(
        j.time.text.contains("a fixed cost per pass"),
        "{}",
        j.time.text
    );
}

#[test]
fn padding_that_multiplies_the_time_is_called_out_with_the_output_that_grew() {
    let s = Series::new(SweepArg::Arg(Arg::Padding), &config(3, 2, 3, 7));
    let s = timed(s, 0.1, |p| 1.0 + p.macs as f64 / 200.0);
    let (params, time, j) = verdicts(&s);
    assert_eq!(params, Some(Verdict::Holds), "{}", j.params.text);
    assert_eq!(time, Some(Verdict::DoesNotHold));
    let text = &j.time.text;
    assert!(text.starts_with("Time: rose "), "{text}");
    assert!(text.contains("from padding = 0 to 8"), "{text}");
    assert!(text.contains("the output grew from 5×5 to 21×21"), "{text}");
    assert!(text.contains("time follows MACs"), "{text}");
    // The parameters' ✓ is its own line: it never says the claim as a whole holds.
    assert!(j
        .params
        .text
        .starts_with("Parameters: unchanged (56 at all 9 points)"));
    assert!(!j.params.text.contains("Time"));
}

#[test]
fn a_time_that_rises_where_the_claim_says_it_falls_is_contradicted() {
    let mut spec = Conv2dSpec::new(8, 8, Pair::square(3));
    spec.padding = PaddingArg::Explicit(Pair::square(1));
    let s = Series::new(SweepArg::Arg(Arg::Groups), &Config::conv2d(spec, 16, 16));
    assert_eq!(s.points.len(), 4, "groups 1, 2, 4, 8");
    let s = timed(s, 0.1, |p| 10.0 + 3.0 * p.x as f64);
    let (_, time, j) = verdicts(&s);
    assert_eq!(time, Some(Verdict::DoesNotHold));
    assert!(
        j.time
            .text
            .contains("time rose 162% from groups = 1 to 8, while the claim says it falls"),
        "{}",
        j.time.text
    );
}

#[test]
fn a_kernel_sweep_whose_output_shrinks_follows_the_macs_not_the_area() {
    let s = Series::new(SweepArg::Arg(Arg::KernelSize), &config(4, 8, 3, 9));
    let s = timed(s, 0.1, |p| p.macs as f64 / 100.0);
    let (params, time, j) = verdicts(&s);
    assert_eq!(params, Some(Verdict::Holds));
    assert_eq!(time, Some(Verdict::DoesNotHold));
    assert!(
        j.time
            .text
            .contains("the output shrank from 9×9 to 1×1 as kernel_size grew"),
        "{}",
        j.time.text
    );
}

#[test]
fn fewer_than_three_points_give_no_verdict() {
    // The seed's figure 9: groups 1 and 2 only (3 and 4 rejected), the time rising.
    let mut spec = Conv2dSpec::new(2, 4, Pair::square(3));
    (spec.stride, spec.groups) = (Pair::square(2), 2);
    spec.padding = PaddingArg::Explicit(Pair::square(2));
    let s = Series::new(SweepArg::Arg(Arg::Groups), &Config::conv2d(spec, 7, 7));
    assert_eq!(s.points.len(), 2);
    assert_eq!(s.skipped.len(), 2);
    let s = timed(s, 0.01, |p| if p.x == 1 { 2.73 } else { 3.22 });
    let (params, time, j) = verdicts(&s);
    assert_eq!(params, Some(Verdict::Inconclusive));
    assert_eq!(time, Some(Verdict::Inconclusive));
    assert!(
        j.time
            .text
            .contains("only 2 timed point(s); a verdict needs at least 3"),
        "{}",
        j.time.text
    );
    assert!(
        !j.time.text.contains("R²"),
        "no fit printed from two points"
    );
}

#[test]
fn times_at_the_noise_level_give_no_verdict() {
    // Tiny: every pass under 2 µs (the seed's figure 2 kernel sweep: 0.2–0.9 µs).
    let s = Series::new(SweepArg::Arg(Arg::KernelSize), &config(1, 1, 3, 9));
    let tiny = timed(s.clone(), 0.05, |p| 0.2 + p.x as f64 * 0.07);
    let (_, time, j) = verdicts(&tiny);
    assert_eq!(time, Some(Verdict::Inconclusive));
    assert!(
        j.time.text.contains("too close to the timer's resolution"),
        "{}",
        j.time.text
    );
    // Noisy: the points differ by less than one point's batches do.
    let noisy = timed(s, 8.0, |p| 20.0 + (p.x % 3) as f64);
    let (_, time, j) = verdicts(&noisy);
    assert_eq!(time, Some(Verdict::Inconclusive));
    assert!(
        j.time.text.contains("too noisy to judge"),
        "{}",
        j.time.text
    );
}

#[test]
fn the_time_has_no_verdict_while_it_is_measured_and_a_stride_that_cuts_it_holds() {
    let s = Series::new(SweepArg::Arg(Arg::Stride), &config(3, 8, 3, 32));
    let (params, time, j) = verdicts(&s);
    assert_eq!((params, time), (Some(Verdict::Holds), None));
    assert_eq!(j.time.text, "Time: measuring…");
    let s = timed(s, 0.1, |p| 1.0 + p.macs as f64 / 100.0);
    assert_eq!(verdicts(&s).1, Some(Verdict::Holds));
    let flat = timed(s, 0.1, |p| 30.0 + p.x as f64 * 0.1);
    let (_, time, j) = verdicts(&flat);
    assert_eq!(time, Some(Verdict::DoesNotHold));
    assert!(
        j.time.text.contains("time barely changed"),
        "{}",
        j.time.text
    );
    assert!(judge(&flat, &ZH).unwrap().time.text.contains("此处不成立"));
}

#[test]
fn a_kernel_that_is_not_square_is_judged_by_its_height_and_a_square_one_by_its_area() {
    // The seed's figure 5 (kernel_size=(5, 2)): only the height is swept, parameters follow k_h.
    let fig5 = Config::conv2d(Conv2dSpec::new(3, 2, Pair::new(5, 2)), 7, 9);
    let j = judge(&Series::new(SweepArg::Arg(Arg::KernelSize), &fig5), &EN).unwrap();
    assert_eq!(
        j.params.text,
        "Parameters: exactly 12 × k_h + 2 (the bias) at all 7 points — ✓ holds"
    );
    let square = Config::conv2d(Conv2dSpec::new(3, 2, Pair::square(3)), 9, 9);
    let j = judge(&Series::new(SweepArg::Arg(Arg::KernelSize), &square), &EN).unwrap();
    assert!(
        j.params.text.contains("exactly 6 × k² + 2"),
        "{}",
        j.params.text
    );
}

#[test]
fn a_printed_r2_never_rounds_up_across_the_threshold() {
    assert_eq!(r2(0.9497), "0.94");
    assert_eq!(r2(0.95), "0.95");
    assert_eq!(r2(1.0), "1.00");
    assert_eq!(r2(-0.104), "-0.11");
}

#[test]
fn verdicts_have_their_attribute_values() {
    assert_eq!(
        [Verdict::Holds, Verdict::DoesNotHold, Verdict::Inconclusive].map(Verdict::attr),
        ["holds", "does-not-hold", "inconclusive"]
    );
}

/// A ConvTranspose2d's charts: every one states a claim for this layer, the counts are the
/// core's, and a stride that spreads the output leaves the work (and the claim) as it was.
#[test]
fn a_transposed_layers_charts_state_its_own_claims() {
    use conv2d_core::LayerKind;
    let (_, dcgan) = crate::state::Preset::named("dcgan").unwrap();
    let c = dcgan.config();
    for arg in SweepArg::all(LayerKind::ConvTranspose2d) {
        let s = Series::new(arg, &c);
        assert!(!EN.claim_of(arg, s.kind).is_empty(), "{arg:?}");
        assert!(!ZH.claim_of(arg, s.kind).is_empty(), "{arg:?}");
        for p in &s.points {
            let cost = arg.apply(&c, p.x).check().unwrap().cost();
            assert_eq!((p.params, p.macs), (cost.params, cost.macs));
        }
    }
    // Times a little up along the stride: as the claim says for this layer, not the Conv2d's "falls".
    let s = Series::new(SweepArg::Arg(Arg::Stride), &c);
    assert!(s.points.len() >= 3);
    let macs: Vec<u64> = s.points.iter().map(|p| p.macs).collect();
    assert!(
        macs.windows(2).all(|w| w[0] == w[1]),
        "the same work at every stride"
    );
    let (params, time, _) = verdicts(&timed(s, 0.1, |p| 50.0 + p.x as f64));
    assert_eq!((params, time), (Some(Verdict::Holds), Some(Verdict::Holds)));
    assert_ne!(
        EN.claim_of(SweepArg::Arg(Arg::Stride), LayerKind::ConvTranspose2d),
        EN.claim_of(SweepArg::Arg(Arg::Stride), LayerKind::Conv2d)
    );
}
