rule {
  id = "broken.syntax",
  title = "Missing end"
  kind = "indication",
}
