"""Line wrapping (see spec.md)."""


def wrap_text(text, width):
    if not isinstance(width, int) or isinstance(width, bool) or width < 1:
        raise ValueError("width must be a positive int")
    pieces = []
    for word in text.split():
        pieces.extend(word[i:i + width] for i in range(0, len(word), width))
    lines = []
    current = ""
    for piece in pieces:
        if not current:
            current = piece
        elif len(current) + 1 + len(piece) <= width:
            current += " " + piece
        else:
            lines.append(current)
            current = piece
    if current:
        lines.append(current)
    return lines
