// Inline SVG charts. Each is an <svg role="img"> labelled by its own <title>
// and <desc> (the desc spells out every number drawn), sized by its viewBox so
// it scales to the column it sits in. Colour is never the only cue: values are
// printed on the chart and the second series of a pair is hatched.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "render.h"

namespace sift::report::internal {
namespace {

constexpr double kWidth = 680;
constexpr char kInk[] = "#1a1a1a";
constexpr char kMuted[] = "#555555";
constexpr char kRule[] = "#d0d0d0";
constexpr char kBarRaw[] = "#2b5c8a";
constexpr char kBarLight[] = "#c6dbef";
constexpr char kNegative[] = "#e08214";
constexpr char kNeutral[] = "#d9d9d9";
constexpr char kPositive[] = "#4393c3";

// Roughly the width of `text` at `size` px in a sans-serif face.
double TextWidth(std::string_view text, double size) {
  return static_cast<double>(text.size()) * size * 0.56;
}

// A width for a label column holding every label in `labels`.
template <typename Range, typename Get>
double LabelColumn(const Range& items, Get label, double size) {
  double w = 80;
  for (const auto& item : items) w = std::max(w, TextWidth(label(item), size));
  return std::min(w + 12, 240.0);
}

std::string Open(std::string_view id, double height, std::string_view title,
                 std::string_view desc) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
      "class=\"chart\" viewBox=\"0 0 {:.0f} {:.0f}\" "
      "aria-labelledby=\"{}-title {}-desc\">\n"
      "<title id=\"{}-title\">{}</title>\n<desc id=\"{}-desc\">{}</desc>\n",
      kWidth, height, id, id, id, HtmlEscape(title), id, HtmlEscape(desc));
}

std::string Text(double x, double y, std::string_view text,
                 std::string_view attrs) {
  return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" {}>{}</text>\n", x, y,
                     attrs, HtmlEscape(text));
}

std::string Rect(double x, double y, double w, double h,
                 std::string_view fill) {
  return fmt::format(
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
      "fill=\"{}\"/>\n",
      x, y, std::max(w, 0.0), h, fill);
}

// A diagonal hatch of `ink` over `paper`, usable as fill="url(#id)".
std::string Hatch(std::string_view id, std::string_view paper,
                  std::string_view ink) {
  return fmt::format(
      "<defs><pattern id=\"{}\" patternUnits=\"userSpaceOnUse\" width=\"6\" "
      "height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" "
      "height=\"6\" fill=\"{}\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" "
      "stroke=\"{}\" stroke-width=\"2.5\"/></pattern></defs>\n",
      id, paper, ink);
}

// A "nice" axis step giving about four intervals up to `max`.
double NiceStep(double max) {
  double raw = std::max(max, 1.0) / 4;
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * magnitude >= raw) return std::max(1.0, m * magnitude);
  }
  return 10 * magnitude;
}

// The prevalence chart's legend, vertical grid lines and axis labels.
std::string PrevalenceAxes(double label_w, double top, double bottom,
                           double step, double axis_max, double scale) {
  std::string svg = Rect(label_w, 8, 12, 12, kBarRaw);
  svg += Text(label_w + 17, 18.5, "All responses", "font-size=\"12\"");
  svg += Rect(label_w + 130, 8, 12, 12, "url(#prevalence-hatch)");
  svg +=
      Text(label_w + 147, 18.5, "Campaigns counted once", "font-size=\"12\"");
  for (double v = 0; v <= axis_max + 0.5; v += step) {
    double x = label_w + v * scale;
    svg += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
        "stroke=\"{}\" stroke-width=\"1\"/>\n",
        x, top - 4, x, bottom, kRule);
    svg += Text(x, bottom + 15, FormatCount(static_cast<int64_t>(v)),
                fmt::format("font-size=\"11\" fill=\"{}\" "
                            "text-anchor=\"middle\"",
                            kMuted));
  }
  return svg;
}

std::string SectorLabel(const SectorSentiment& s) {
  return std::string(s.label)
      .append(" (n=")
      .append(FormatCount(s.count))
      .append(")");
}

// One heatmap row: the negative, neutral and positive shares, then the mean.
std::string HeatmapRow(const SectorSentiment& s, double label_w, double y,
                       double cell_w, double row) {
  std::string svg = Text(label_w - 8, y + row / 2 + 4, SectorLabel(s),
                         "font-size=\"12.5\" text-anchor=\"end\"");
  const double shares[] = {s.negative, s.neutral, s.positive};
  const char* hues[] = {"orange", "grey", "blue"};
  for (int c = 0; c < 4; ++c) {
    std::string fill =
        c < 3 ? ShareColour(shares[c], hues[c])
              : (s.mean ? SentimentColour(*s.mean) : std::string("#eeeeee"));
    std::string label =
        c < 3 ? FormatShare(shares[c]) : FormatSentiment(s.mean);
    svg += Rect(label_w + cell_w * c + 1, y + 1, cell_w - 2, row - 2, fill);
    svg += Text(label_w + cell_w * (c + 0.5), y + row / 2 + 4, label,
                fmt::format("font-size=\"12\" text-anchor=\"middle\" "
                            "fill=\"{}\"",
                            TextColourOn(fill)));
  }
  return svg;
}

}  // namespace

std::string PrevalenceChartSvg(const Digest& d) {
  const double label_w = LabelColumn(
      d.themes, [](const Theme& t) { return t.name; }, 12.5);
  const double top = 34, group = 32, bar = 11;
  const double plot_w = kWidth - label_w - 56;
  int64_t max = 1;
  for (const Theme& t : d.themes)
    max = std::max({max, t.count, t.count_collapsed});
  const double step = NiceStep(static_cast<double>(max));
  const double axis_max = std::ceil(static_cast<double>(max) / step) * step;
  const double scale = plot_w / axis_max;
  const double height = top + group * static_cast<double>(d.themes.size()) + 22;

  std::string desc =
      "Responses per theme, all responses and with each campaign "
      "counted once: ";
  for (const Theme& t : d.themes) {
    desc.append(t.name)
        .append(" ")
        .append(FormatCount(t.count))
        .append(" and ")
        .append(FormatCount(t.count_collapsed))
        .append("; ");
  }
  std::string svg = Open("prevalence-chart", height,
                         "Theme prevalence: responses per theme", desc);
  svg += Hatch("prevalence-hatch", kBarLight, kBarRaw);
  svg += PrevalenceAxes(label_w, top,
                        top + group * static_cast<double>(d.themes.size()),
                        step, axis_max, scale);
  double y = top;
  for (const Theme& t : d.themes) {
    svg += Text(label_w - 8, y + bar + 4, t.name,
                fmt::format("font-size=\"12.5\" fill=\"{}\" "
                            "text-anchor=\"end\"",
                            kInk));
    double w1 = static_cast<double>(t.count) * scale;
    double w2 = static_cast<double>(t.count_collapsed) * scale;
    svg += Rect(label_w, y, w1, bar, kBarRaw);
    svg += Rect(label_w, y + bar + 1, w2, bar, "url(#prevalence-hatch)");
    std::string value = fmt::format("font-size=\"11\" fill=\"{}\"", kInk);
    svg += Text(label_w + w1 + 4, y + bar - 2, FormatCount(t.count), value);
    svg += Text(label_w + w2 + 4, y + 2 * bar - 1,
                FormatCount(t.count_collapsed), value);
    y += group;
  }
  return svg.append("</svg>\n");
}

std::string SectorHeatmapSvg(const SentimentBySector& data) {
  const double label_w = LabelColumn(data.sectors, SectorLabel, 12.5);
  const double top = 30, row = 28;
  const double cell_w = (kWidth - label_w) / 4;
  const double height =
      top + row * static_cast<double>(data.sectors.size()) + 4;
  std::string desc =
      "Share of each sector's responses that are negative, "
      "neutral and positive, and the sector's mean sentiment "
      "(-1 to +1): ";
  for (const SectorSentiment& s : data.sectors) {
    desc.append(s.label)
        .append(": ")
        .append(FormatShare(s.negative))
        .append(" negative, ")
        .append(FormatShare(s.neutral))
        .append(" neutral, ")
        .append(FormatShare(s.positive))
        .append(" positive, mean ")
        .append(FormatSentiment(s.mean))
        .append("; ");
  }
  std::string svg =
      Open("sector-heatmap", height, "Sentiment share by sector", desc);
  const char* headers[] = {"Negative", "Neutral", "Positive", "Mean"};
  for (int c = 0; c < 4; ++c) {
    svg += Text(label_w + cell_w * (c + 0.5), 18, headers[c],
                "font-size=\"12\" font-weight=\"600\" text-anchor=\"middle\"");
  }
  double y = top;
  for (const SectorSentiment& s : data.sectors) {
    svg += HeatmapRow(s, label_w, y, cell_w, row);
    y += row;
  }
  return svg.append("</svg>\n");
}

std::string SentimentBarSvg(const Sentiment& s, std::string_view id,
                            std::string_view subject) {
  const double left = 0, bar_h = 24, width = kWidth;
  // Element ids inside the SVG: `id` reduced to characters safe anywhere.
  std::string chart_id = "sentiment-";
  for (char c : id) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                (c >= '0' && c <= '9') || c == '-' || c == '_';
    chart_id += safe ? c : '_';
  }
  std::string hatch = std::string(chart_id).append("-hatch");
  std::string desc = std::string(subject)
                         .append(": ")
                         .append(FormatShare(s.negative))
                         .append(" negative, ")
                         .append(FormatShare(s.neutral))
                         .append(" neutral, ")
                         .append(FormatShare(s.positive))
                         .append(
                             " positive; "
                             "mean ")
                         .append(FormatSentiment(s.mean))
                         .append(" over ")
                         .append(FormatCount(s.n))
                         .append(" responses");
  std::string svg = Open(
      chart_id, 56, std::string("Sentiment shares: ").append(subject), desc);
  svg += Hatch(hatch, "#f6c48a", kNegative);
  const double shares[] = {s.negative, s.neutral, s.positive};
  const std::string fills[] = {std::string("url(#").append(hatch).append(")"),
                               kNeutral, kPositive};
  const char* names[] = {"Negative", "Neutral", "Positive"};
  double total = std::max(s.negative + s.neutral + s.positive, 1e-9);
  double x = left;
  for (int c = 0; c < 3; ++c) {
    double w = width * shares[c] / total;
    svg += Rect(x, 2, w, bar_h, fills[c]);
    if (w > 52) {
      svg += Text(x + w / 2, 2 + bar_h / 2 + 4, FormatShare(shares[c]),
                  fmt::format("font-size=\"12\" font-weight=\"600\" "
                              "text-anchor=\"middle\" fill=\"{}\"",
                              kInk));
    }
    x += w;
  }
  // Legend, which also carries every value.
  double lx = left;
  for (int c = 0; c < 3; ++c) {
    svg += Rect(lx, 36, 12, 12, fills[c]);
    std::string label =
        std::string(names[c]).append(" ").append(FormatShare(shares[c]));
    svg += Text(lx + 17, 46.5, label, "font-size=\"12\"");
    lx += 17 + TextWidth(label, 12) + 22;
  }
  return svg.append("</svg>\n");
}

}  // namespace sift::report::internal
