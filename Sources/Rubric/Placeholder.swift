public enum RubricPlaceholder {}
