"""Hero images for the demo articles, drawn here with Pillow so that shared demo articles show a
preview card: no download, no borrowed artwork.

Each picture is abstract (a gradient in the colour of the article's category, a stylised track
curve with kerbs, a chequered band) and has no text in it: what it shows is in its alt text.
The article's slug seeds the drawing, so a given article always gets the same picture.
"""

import math
import random
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Pillow
from PIL import ImageDraw

from articles.imaging import save_image, validate_image_upload
from articles.models import Article, Image
from articles.services import save_article
from teams.models import Championship

# 16:9, and wide enough for large share cards (1200 pixels): any wider only slows load_demo,
# whose time goes mostly into the 16 renditions of each picture.
SIZE = (1280, 720)
# Image.file holds 100 characters: "images/originals/demo-<slug>.jpg" plus the suffix the
# storage adds when the name is taken.
SLUG_CHARS = 60
# Shapes are drawn at twice the size and reduced: ImageDraw does not anti-alias.
SCALE = 2
CREDIT = "Paddock (illustration)"
Category = Championship.Category

# Per category: base colour, the colour's name and the category's name, in French because
# they end up in the alt text, which is content like the demo texts.
PALETTES = {
    Category.TOURING: ((196, 36, 48), "rouge", "voitures de tourisme"),
    Category.GT: ((28, 92, 196), "bleu", "GT"),
    Category.ENDURANCE: ((88, 52, 150), "violet", "endurance"),
    Category.RALLY: ((214, 118, 24), "orange", "rallye et rallye-raid"),
    Category.SINGLE_SEATER: ((0, 138, 108), "vert", "monoplaces"),
    Category.OTHER: ((84, 96, 112), "gris", "sport automobile"),
}
ASPHALT = (46, 48, 54)
WHITE = (245, 245, 245)
KERB_RED = (214, 30, 38)
BLACK = (20, 20, 22)


def illustrate_article(article: Article) -> Image:
    """Draw the article's illustration, store it with its renditions through the image
    library's own service and make it the article's hero image."""
    championship = article.primary_championship
    category = championship.category if championship else Category.OTHER
    data = draw_illustration(slug=article.slug, category=category)
    name = f"demo-{article.slug[:SLUG_CHARS]}.jpg"
    upload = SimpleUploadedFile(name, data, content_type="image/jpeg")
    # What the admin's upload form checks, so a demo picture is one an editor could upload.
    validate_image_upload(upload)
    image = Image(alt_text=alt_text(championship), credit=CREDIT)
    image.file = upload
    save_image(image=image, user=None, new_file=True)
    article.hero_image = image
    save_article(article=article, user=None, loaded_version=article.version)
    return image


def alt_text(championship: Championship | None) -> str:
    """What the picture shows, e.g. "Illustration : WTCR, voitures de tourisme — …"."""
    category = championship.category if championship else Category.OTHER
    _colour, colour_name, category_name = PALETTES[category]
    subject = f"{championship.display_name}, {category_name}" if championship else category_name
    return (
        f"Illustration : {subject} — courbe de piste bordée de vibreurs et damier "
        f"sur fond {colour_name}"
    )


def draw_illustration(*, slug: str, category: str) -> bytes:
    """A JPEG of SIZE for `slug`: always the same for one slug, different for another."""
    rng = random.Random(slug)
    colour = PALETTES.get(category, PALETTES[Category.OTHER])[0]
    width, height = SIZE[0] * SCALE, SIZE[1] * SCALE
    picture = _gradient((width, height), colour, rng)
    draw = ImageDraw.Draw(picture)
    _speed_lines(draw, (width, height), colour, rng)
    _track(draw, (width, height), rng)
    _chequered_band(draw, (width, height), rng)
    picture = picture.reduce(SCALE)
    return _jpeg(picture)


def _gradient(size: tuple[int, int], colour: tuple, rng: random.Random) -> Pillow.Image:
    """A diagonal gradient from a dark shade of `colour` to a light one, at a seeded angle."""
    dark = _shade(colour, 0.35)
    light = _shade(colour, 1.25)
    # linear_gradient is 256 × 256, black at the top: rotate it, then stretch it over the
    # picture (cheap, and smooth enough once stretched).
    mask = Pillow.linear_gradient("L").rotate(rng.uniform(20, 160), resample=Pillow.BICUBIC)
    mask = mask.crop((48, 48, 208, 208)).resize(size, Pillow.BILINEAR)
    return Pillow.composite(Pillow.new("RGB", size, light), Pillow.new("RGB", size, dark), mask)


def _speed_lines(draw: ImageDraw.ImageDraw, size, colour, rng: random.Random) -> None:
    width, height = size
    slope = rng.uniform(-0.25, 0.25)
    tint = _shade(colour, 1.5)
    for _line in range(rng.randint(5, 9)):
        y = rng.uniform(0, height)
        length = rng.uniform(0.2, 0.5) * width
        x = rng.uniform(-0.1, 0.9) * width
        draw.line(
            [(x, y), (x + length, y + slope * length)],
            fill=tint,
            width=rng.randint(4, 14) * SCALE,
        )


def _track(draw: ImageDraw.ImageDraw, size, rng: random.Random) -> None:
    """A wide curve crossing the picture: asphalt, white lines, red-and-white kerbs on one side."""
    width, height = size
    start = (-0.1 * width, rng.uniform(0.55, 1.0) * height)
    end = (1.1 * width, rng.uniform(0.0, 0.6) * height)
    controls = [
        (rng.uniform(0.15, 0.45) * width, rng.uniform(0.05, 0.95) * height),
        (rng.uniform(0.55, 0.85) * width, rng.uniform(0.05, 0.95) * height),
    ]
    points = _bezier([start, *controls, end], steps=160)
    track_width = rng.uniform(0.14, 0.22) * height
    side = rng.choice((-1, 1))

    # Wide shapes are polygons between two offset curves: Pillow's wide lines leave spikes
    # at the joints of a finely sampled curve.
    draw.polygon(_ribbon(points, -track_width / 2, track_width / 2), fill=ASPHALT)
    for edge in (-1, 1):
        # Painted lines a little inside the asphalt's edges.
        line = edge * (track_width / 2 - 4 * SCALE)
        draw.polygon(_ribbon(points, line, line - edge * 3 * SCALE), fill=WHITE)
    # Kerbs: alternating blocks just outside one edge, as on the inside of a corner.
    inner = side * track_width / 2
    block = 6
    for n in range(0, len(points) - block, block):
        fill = KERB_RED if (n // block) % 2 else WHITE
        stretch = points[max(n - 1, 0) : n + block + 2]
        kerb = _ribbon(stretch, inner, inner + side * 16 * SCALE)
        draw.polygon(kerb, fill=fill)


def _chequered_band(draw: ImageDraw.ImageDraw, size, rng: random.Random) -> None:
    """Two or three rows of black and white squares, tilted, across the picture."""
    width, height = size
    angle = math.radians(rng.uniform(-14, 14))
    square = rng.uniform(0.035, 0.055) * height
    rows = rng.choice((2, 3))
    along = (math.cos(angle), math.sin(angle))
    across = (-math.sin(angle), math.cos(angle))
    top = rng.choice((rng.uniform(0.04, 0.16), rng.uniform(0.72, 0.86))) * height
    origin = (-0.2 * width, top + 0.2 * width * math.tan(-angle))
    count = math.ceil(1.4 * width / square)
    for i in range(count):
        for j in range(rows):
            corners = [
                (
                    origin[0] + (i + a) * square * along[0] + (j + b) * square * across[0],
                    origin[1] + (i + a) * square * along[1] + (j + b) * square * across[1],
                )
                for a, b in ((0, 0), (1, 0), (1, 1), (0, 1))
            ]
            draw.polygon(corners, fill=BLACK if (i + j) % 2 else WHITE)


def _bezier(control: list[tuple[float, float]], *, steps: int) -> list[tuple[float, float]]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = control
    points = []
    for step in range(steps + 1):
        t = step / steps
        u = 1 - t
        a, b, c, d = u**3, 3 * u * u * t, 3 * u * t * t, t**3
        points.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return points


def _ribbon(points: list[tuple[float, float]], near: float, far: float) -> list:
    """The outline of the band between `points` moved sideways by `near` and by `far`."""
    return _offset(points, near) + _offset(points, far)[::-1]


def _offset(points: list[tuple[float, float]], distance: float) -> list[tuple[float, float]]:
    """`points` moved sideways by `distance` (along each point's normal)."""
    moved = []
    for n, (x, y) in enumerate(points):
        (ax, ay), (bx, by) = points[max(n - 1, 0)], points[min(n + 1, len(points) - 1)]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy) or 1.0
        moved.append((x - dy / length * distance, y + dx / length * distance))
    return moved


def _shade(colour: tuple, factor: float) -> tuple[int, int, int]:
    return tuple(max(0, min(255, round(channel * factor))) for channel in colour)


def _jpeg(picture: Pillow.Image) -> bytes:
    out = BytesIO()
    picture.save(out, "JPEG", quality=88)
    return out.getvalue()
