//! Renders the app natively (Yew SSR) from a query string and checks what the page says, without a
//! browser. Expected numbers come from PyTorch (e2e/fixtures/presets.json), never typed here.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure
use conv2d_playground::{App, AppProps};
use serde_json::Value;

fn presets() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/e2e/fixtures/presets.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

async fn render(query: &str) -> String {
    yew::LocalServerRenderer::<App>::with_props(AppProps {
        query: Some(query.to_string().into()),
    })
    .render()
    .await
}

/// The text right inside the element with `data-testid="id"`.
fn testid<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!(r#"data-testid="{id}""#))
        .unwrap_or_else(|| panic!("no {id}"));
    let rest = &html[start..];
    let rest = &rest[rest.find('>').unwrap() + 1..];
    &rest[..rest.find('<').unwrap()]
}

#[tokio::test]
async fn every_preset_shows_pytorchs_shape_and_parameter_count() {
    for p in presets() {
        let [c, h, w] = [&p["input"][0], &p["input"][1], &p["input"][2]];
        let pair = |v: &Value| format!("{},{}", v[0], v[1]);
        let mut q = format!(
            "in_channels={c}&out_channels={}&kernel_size={}&stride={}&padding={}&dilation={}&groups={}&height={h}&width={w}",
            p["out_channels"], pair(&p["kernel_size"]), pair(&p["stride"]), pair(&p["padding"]), pair(&p["dilation"]), p["groups"]
        );
        // The ConvTranspose2d presets say so, with their output_padding.
        if let Some(op) = p["op"].as_str() {
            q = format!("op={op}&output_padding={}&{q}", pair(&p["output_padding"]));
        }
        let html = render(&q).await;
        let shape: Vec<String> = p["shape"]
            .as_array()
            .unwrap()
            .iter()
            .map(Value::to_string)
            .collect();
        assert_eq!(
            testid(&html, "output-shape"),
            format!("({})", shape.join(", ")),
            "{}",
            p["name"]
        );
        assert_eq!(
            testid(&html, "param-count"),
            p["params"].to_string(),
            "{}",
            p["name"]
        );
    }
}

#[tokio::test]
async fn an_invalid_url_value_shows_pytorchs_sentence_and_names_the_control() {
    let html = render("groups=0").await;
    assert_eq!(
        testid(&html, "error-message"),
        "groups must be a positive integer"
    );
    assert!(html.contains(r#"data-testid="control-groups" class="control involved""#));
    assert_eq!(testid(&html, "output-shape"), "invalid configuration");
}

#[tokio::test]
async fn junk_in_the_url_is_named_in_a_notice_and_the_page_still_renders() {
    let html =
        render("stride=%3Cscript%3Ealert(1)%3C/script%3E&kernel_size=zz&in_channels=3").await;
    assert!(html.contains("ignored stride="), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains(r#"data-testid="output-shape""#));
}

#[tokio::test]
async fn the_language_reaches_every_component_through_the_context() {
    use conv2d_playground::i18n::{EN, ZH};
    for (query, t) in [("", &EN), ("lang=zh", &ZH)] {
        let html = render(query).await;
        for s in [
            t.figure_canvas,
            t.charts_label,
            t.shapes_costs,
            t.png_scale,
            t.square_title,
            t.arguments,
        ] {
            assert!(html.contains(s), "{query:?}: no {s:?}");
        }
        let name = t.accessible(conv2d_core::Arg::InChannels);
        let slider = conv2d_playground::i18n::fill(t.slider, &[("name", &name)]);
        assert!(html.contains(&slider), "{query:?}: no {slider:?}");
    }
}

#[tokio::test]
async fn the_embed_shows_the_figure_and_with_controls_the_same_transport() {
    let html = render("embed=1").await;
    assert!(html.contains(r#"data-testid="embed-root""#));
    assert!(html.contains(r#"data-testid="figure""#));
    assert!(!html.contains("<header"));
    assert!(!html.contains(r#"data-testid="play""#));
    let html = render("embed=1&controls=1&step=0").await;
    for id in ["step-back", "play", "step-forward"] {
        assert!(html.contains(&format!(r#"data-testid="{id}""#)), "no {id}");
    }
    // The embed's transport has the focus line instead of the sliders.
    assert!(!html.contains(r#"data-testid="control-step""#));
    assert!(html.contains("output[0, 0, 0]"));
    let page = render("step=0").await;
    assert!(page.contains(r#"data-testid="control-step""#));
    assert!(page.contains(r#"data-testid="control-speed""#));
}

#[tokio::test]
async fn a_link_the_page_cannot_draw_shows_its_own_numbers_and_why_never_another_figure() {
    use conv2d_playground::i18n::EN;
    // Valid but over the live limit: its own shape and counts, no figure (the page, the embed).
    for query in [
        "in_channels=64&out_channels=64&kernel_size=3&padding=1&height=128&width=128",
        "in_channels=64&out_channels=64&kernel_size=3&padding=1&height=128&width=128&embed=1",
    ] {
        let html = render(query).await;
        assert!(
            !html.contains(r#"data-testid="figure""#),
            "{query}: no figure"
        );
        assert!(html.contains(r#"data-testid="no-figure""#), "{query}");
        assert!(
            html.contains("multiply-accumulates is more than"),
            "{query}"
        );
    }
    let html =
        render("in_channels=64&out_channels=64&kernel_size=3&padding=1&height=128&width=128").await;
    assert_eq!(testid(&html, "output-shape"), "(64, 128, 128)");
    // Rejected: PyTorch's sentence, the reason in place of the figure, never figure 1's sum.
    for query in [
        "in_channels=4&out_channels=2&groups=3",
        "groups=3&in_channels=4&embed=1",
    ] {
        let html = render(query).await;
        assert_eq!(
            testid(&html, "error-message"),
            "in_channels must be divisible by groups"
        );
        assert!(
            !html.contains(r#"data-testid="figure""#),
            "{query}: no figure"
        );
        assert_eq!(testid(&html, "no-figure"), EN.no_figure_invalid, "{query}");
        assert!(
            !html.contains("output[0, 0, 0]"),
            "{query}: no other figure's focus"
        );
    }
}

#[tokio::test]
async fn the_legend_spans_each_scale_to_the_largest_value_shown() {
    use conv2d_core::data::{self, InputData, KernelData};
    let html = render("preset=figure9").await;
    assert!(html.contains(r#"data-testid="legend""#));
    // The same data the page shows, made by the core here: seeded input and weights, seed 0.
    let layer = conv2d_core::validate(
        &{
            let mut s = conv2d_core::Conv2dSpec::new(2, 4, conv2d_core::Pair::square(3));
            s.stride = conv2d_core::Pair::square(2);
            s.padding = conv2d_core::PaddingArg::Explicit(conv2d_core::Pair::square(2));
            s.groups = 2;
            s
        },
        [2, 7, 7],
    )
    .unwrap();
    let input = data::input(&layer, InputData::Seeded, 0);
    let (weight, bias) = data::weights(&layer, KernelData::Seeded, 0).unwrap();
    let output = conv2d_core::forward::forward(&layer, &input, &weight, bias.as_deref());
    let max = |v: &[f32]| v.iter().fold(0f32, |m, x| m.max(x.abs()));
    let wmax = max(&weight.data).max(max(bias.as_deref().unwrap_or(&[])));
    for (id, m) in [
        ("input", max(&input.data)),
        ("weights", wmax),
        ("output", max(&output.data)),
    ] {
        let at = html.find(&format!(r#"data-testid="legend-{id}""#)).unwrap();
        let attr = &html[at..];
        let v = &attr[attr.find("data-max=\"").unwrap() + 10..];
        let v: f32 = v[..v.find('"').unwrap()].parse().unwrap();
        assert!((v - m).abs() < 1e-3, "{id}: legend {v}, data {m}");
    }
    // Figure 9 has two groups: their colours are keyed.
    assert!(html.contains(conv2d_playground::i18n::EN.key_groups));
}
