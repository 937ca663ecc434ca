"""Draw the bar chart of UN Security Council resolutions on North Korea per year.

Used by the bundled sample case "North Korea and the UN Security Council,
2006–2025" (cases/dprk-unsc/case.md).

How to run (from anywhere; paths are resolved from this file's location):

    pip install pillow
    python3 tools/resolutions_chart.py

It writes cases/dprk-unsc/resolutions-per-year.png (1200x600, white
background) using the bundled font assets/fonts/CharisSIL-Regular.ttf.

Only the main sanctions resolutions are counted, by year of adoption:
1718, 1874, 2087, 2094, 2270, 2321, 2356, 2371, 2375 and 2397. The US draft
of 26 May 2022, vetoed by China and Russia, is drawn as a separate hatched
bar of height 1 so it is not mistaken for an adopted resolution.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

REPO_ROOT = Path(__file__).resolve().parent.parent
FONT_PATH = REPO_ROOT / "assets/fonts/CharisSIL-Regular.ttf"
OUTPUT_PATH = REPO_ROOT / "cases/dprk-unsc/resolutions-per-year.png"

# Resolution number -> year adopted.
RESOLUTIONS = {
    1718: 2006,
    1874: 2009,
    2087: 2013,
    2094: 2013,
    2270: 2016,
    2321: 2016,
    2356: 2017,
    2371: 2017,
    2375: 2017,
    2397: 2017,
}
VETOED_DRAFT_YEARS = {2022}
FIRST_YEAR, LAST_YEAR = 2006, 2025

WIDTH, HEIGHT = 1200, 600
MARGIN_LEFT, MARGIN_RIGHT = 90, 40
MARGIN_TOP, MARGIN_BOTTOM = 120, 95

WHITE = (255, 255, 255)
INK = (33, 33, 33)
GRID = (222, 222, 222)
BAR = (38, 84, 124)
VETO = (192, 57, 43)


def font(size):
    return ImageFont.truetype(str(FONT_PATH), size)


def text_size(draw, text, fnt):
    left, top, right, bottom = draw.textbbox((0, 0), text, font=fnt)
    return right - left, bottom - top


def draw_centered(draw, cx, y, text, fnt, fill=INK):
    w, _ = text_size(draw, text, fnt)
    draw.text((cx - w / 2, y), text, font=fnt, fill=fill)


def hatched_rect(draw, box, color, spacing=9, width=2):
    """Outline a rectangle and fill it with diagonal hatch lines."""
    x0, y0, x1, y1 = box
    h = y1 - y0
    # Lines of slope -1 (lower-left to upper-right), clipped to the box.
    start = int(x0 - h)
    for x in range(start, int(x1) + 1, spacing):
        # Line from (x, y1) to (x + h, y0); clip to [x0, x1].
        ax, ay = x, y1
        bx, by = x + h, y0
        if ax < x0:
            ay -= x0 - ax
            ax = x0
        if bx > x1:
            by += bx - x1
            bx = x1
        if ax <= bx:
            draw.line([(ax, ay), (bx, by)], fill=color, width=width)
    draw.rectangle(box, outline=color, width=3)


def main():
    counts = {year: 0 for year in range(FIRST_YEAR, LAST_YEAR + 1)}
    for year in RESOLUTIONS.values():
        counts[year] += 1

    years = list(counts)
    max_count = max(counts.values())
    y_max = max_count + 1  # headroom above the tallest bar

    img = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(img)

    title_font = font(30)
    subtitle_font = font(18)
    label_font = font(17)
    axis_title_font = font(19)
    value_font = font(17)

    # Title and subtitle.
    draw_centered(draw, WIDTH / 2, 18,
                  "UN Security Council resolutions on North Korea, by year",
                  title_font)
    draw_centered(draw, WIDTH / 2, 58,
                  "Main sanctions resolutions by year of adoption, 2006–2025",
                  subtitle_font, fill=(90, 90, 90))

    plot_left = MARGIN_LEFT
    plot_right = WIDTH - MARGIN_RIGHT
    plot_top = MARGIN_TOP
    plot_bottom = HEIGHT - MARGIN_BOTTOM
    plot_h = plot_bottom - plot_top

    def y_for(value):
        return plot_bottom - value / y_max * plot_h

    # Horizontal grid lines and y tick labels.
    for v in range(0, y_max + 1):
        y = y_for(v)
        draw.line([(plot_left, y), (plot_right, y)],
                  fill=GRID if v else INK, width=1 if v else 2)
        label = str(v)
        w, h = text_size(draw, label, label_font)
        draw.text((plot_left - 12 - w, y - h / 2 - 4), label,
                  font=label_font, fill=INK)

    # Y axis title, rotated.
    y_title = "Resolutions adopted"
    tw, th = text_size(draw, y_title, axis_title_font)
    tmp = Image.new("RGBA", (tw + 10, th + 14), (255, 255, 255, 0))
    ImageDraw.Draw(tmp).text((5, 2), y_title, font=axis_title_font, fill=INK)
    tmp = tmp.rotate(90, expand=True)
    img.paste(tmp, (14, int(plot_top + plot_h / 2 - tmp.height / 2)), tmp)

    # Bars.
    slot = (plot_right - plot_left) / len(years)
    bar_w = slot * 0.62
    for i, year in enumerate(years):
        cx = plot_left + slot * (i + 0.5)
        x0, x1 = cx - bar_w / 2, cx + bar_w / 2
        n = counts[year]
        if n:
            draw.rectangle([x0, y_for(n), x1, plot_bottom - 1], fill=BAR)
            draw_centered(draw, cx, y_for(n) - 27, str(n), value_font)
        if year in VETOED_DRAFT_YEARS:
            hatched_rect(draw, [x0, y_for(1), x1, plot_bottom - 1], VETO)
        # Every year labelled on the x axis.
        draw_centered(draw, cx, plot_bottom + 8, str(year), label_font)

    # X axis title.
    draw_centered(draw, (plot_left + plot_right) / 2, plot_bottom + 40,
                  "Year", axis_title_font)

    # Legend (top right, inside the plot area where bars are short).
    lx, ly = plot_right - 330, plot_top + 6
    sw = 26
    draw.rectangle([lx - 14, ly - 8, plot_right - 10, ly + 70],
                   fill=WHITE, outline=GRID, width=1)
    draw.rectangle([lx, ly, lx + sw, ly + 20], fill=BAR)
    draw.text((lx + sw + 12, ly - 2), "Resolution adopted",
              font=label_font, fill=INK)
    hatched_rect(draw, [lx, ly + 36, lx + sw, ly + 56], VETO, spacing=7)
    draw.text((lx + sw + 12, ly + 34),
              "Vetoed draft (China, Russia)", font=label_font, fill=INK)

    OUTPUT_PATH.parent.mkdir(parents=True, exist_ok=True)
    img.save(OUTPUT_PATH)
    print(f"wrote {OUTPUT_PATH.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
