fn main() {
    println!("an example kept beside the book");
}
