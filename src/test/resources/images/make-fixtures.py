"""Makes the image fixtures that Java cannot write (CMYK JPEG, WebP). Run once, output committed:
    python3 -m venv /tmp/pil && /tmp/pil/bin/pip install pillow==<version>
    /tmp/pil/bin/python make-fixtures.py
Each is 96x64 in four quadrants: red, green / blue, white (the WebP with alpha: opaque red on
the left, fully transparent on the right). The YCCK JPEG is made by MakeYcck.java (TurboJPEG).
"""
from PIL import Image, ImageDraw

QUADRANTS = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)]


def quadrants(mode="RGB"):
    im = Image.new("RGB", (96, 64))
    d = ImageDraw.Draw(im)
    for i, colour in enumerate(QUADRANTS):
        x, y = (i % 2) * 48, (i // 2) * 32
        d.rectangle([x, y, x + 47, y + 31], fill=colour)
    return im.convert(mode)


# Pillow converts RGB to CMYK as C = 255 - R ... K = 0 and writes Adobe-style (inverted) CMYK.
quadrants("CMYK").save("cmyk.jpg", quality=95)
quadrants().save("lossy.webp", quality=90)
alpha = Image.new("RGBA", (96, 64), (0, 0, 0, 0))
ImageDraw.Draw(alpha).rectangle([0, 0, 47, 63], fill=(255, 0, 0, 255))
alpha.save("alpha-lossless.webp", lossless=True)
