// Counting to ten, for "Counting Things".
// Run it with `cargo run`.
// ANCHOR: main
fn main() {
    let mut count = 0;
    for _ in 0..10 {
        count += 1;
    }
    println!("counted to {count}");
}
// ANCHOR_END: main

// ANCHOR: items
fn count_items(items: &[&str]) -> usize {
    items.iter().count()
}
// ANCHOR_END: items
