//! Renders the app natively (Yew SSR) and checks what the page says, without a browser.
use conv2d_playground::App;

#[tokio::test]
async fn first_page_shows_figure_one_and_its_output_shape() {
    let html = yew::LocalServerRenderer::<App>::new().render().await;
    assert!(
        html.contains("nn.Conv2d(3, 2, kernel_size=3, stride=2, padding=1, dilation=2)"),
        "{html}"
    );
    // (3,7,7) with k3 p1 s2 d2: ⌊(7 + 2 − 2·2 − 1)/2 + 1⌋ = 3.
    assert!(
        html.contains(r#"data-testid="output-shape">(2, 3, 3)<"#),
        "{html}"
    );
}
