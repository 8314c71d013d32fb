// ANCHOR: main
fn main() {
    println!("included listing");
}
// ANCHOR_END: main
