// The HTML digest's sections after the overview: sentiment by sector,
// campaigns, outside the taxonomy, methodology.
#include <fmt/format.h>

#include <string>

#include "render.h"
#include "render_html.h"

namespace sift::report::internal::html {
namespace {

std::string HeatmapTable(const SentimentBySector& s) {
  std::string out =
      "<table>\n<caption>Sentiment share by sector</caption>\n<thead><tr>"
      "<th scope=\"col\">Sector</th>"
      "<th scope=\"col\" class=\"num\">Responses</th>"
      "<th scope=\"col\" class=\"num\">Negative</th>"
      "<th scope=\"col\" class=\"num\">Neutral</th>"
      "<th scope=\"col\" class=\"num\">Positive</th>"
      "<th scope=\"col\" class=\"num\">Mean</th></tr></thead>\n<tbody>\n";
  for (const SectorSentiment& r : s.sectors) {
    out.append("<tr><th scope=\"row\">")
        .append(HtmlEscape(r.label))
        .append("</th><td class=\"num\">")
        .append(FormatCount(r.count))
        .append("</td><td class=\"num\">")
        .append(FormatShare(r.negative))
        .append("</td><td class=\"num\">")
        .append(FormatShare(r.neutral))
        .append("</td><td class=\"num\">")
        .append(FormatShare(r.positive))
        .append("</td><td class=\"num\">")
        .append(FormatSentiment(r.mean))
        .append("</td></tr>\n");
  }
  return out.append("</tbody>\n</table>\n");
}

std::string MatrixCell(const Cell& c) {
  if (!c.mean) {
    return fmt::format(
        "<td class=\"na\" title=\"fewer than 5 responses\">n&lt;5"
        "<small>n={}</small></td>",
        FormatCount(c.count));
  }
  std::string fill = SentimentColour(*c.mean);
  return fmt::format(
      "<td style=\"background:{};color:{}\">{}<small>n={}</small></td>", fill,
      TextColourOn(fill), FormatSentiment(*c.mean), FormatCount(c.count));
}

std::string ScaleLegend() {
  std::string out = "<div class=\"scale\" aria-hidden=\"true\">";
  for (double v : {-0.6, -0.4, -0.2, 0.0, 0.2, 0.4, 0.6}) {
    std::string fill = SentimentColour(v);
    out.append(fmt::format("<span style=\"background:{};color:{}\">{}</span>",
                           fill, TextColourOn(fill), FormatSentiment(v)));
  }
  return out.append(
      "<span class=\"na\" style=\"background:repeating-linear-gradient(45deg,"
      "#f0f0f0 0 4px,#dcdcdc 4px 8px)\">n&lt;5</span></div>\n");
}

// The sector x theme matrix, drawn with a row per theme and a column per
// sector: theme names need a wide column, sector names wrap.
std::string Matrix(const Digest& d) {
  const SentimentBySector& s = d.sentiment_by_sector;
  std::string out =
      "<table class=\"matrix\">\n<caption>Mean sentiment by sector and theme "
      "(-1 to +1; n = responses)</caption>\n<thead><tr>"
      "<th scope=\"col\" style=\"width:20%\">Theme</th>";
  for (const SectorSentiment& sector : s.sectors) {
    out.append("<th scope=\"col\">")
        .append(HtmlEscape(sector.label))
        .append("</th>");
  }
  out.append("</tr></thead>\n<tbody>\n");
  for (std::size_t t = 0; t < s.themes.size(); ++t) {
    out.append("<tr><th scope=\"row\">")
        .append(HtmlEscape(d.ThemeName(s.themes[t])))
        .append("</th>");
    for (std::size_t r = 0; r < s.sectors.size(); ++r) {
      out.append(MatrixCell(s.matrix[r][t]));
    }
    out.append("</tr>\n");
  }
  return out.append("</tbody>\n</table>\n");
}

std::string CampaignBlock(const Campaign& c, int index) {
  std::string out = fmt::format("<h3>Campaign {}: {} letters</h3>\n", index,
                                FormatCount(c.size));
  out.append("<p class=\"ids\">Campaign <code>")
      .append(HtmlEscape(c.id))
      .append("</code>");
  if (!c.template_id.empty()) {
    out.append("; template taken from <code>")
        .append(HtmlEscape(c.template_id))
        .append("</code>");
  }
  out.append(
         "</p>\n<p><strong>The template letter</strong></p>\n"
         "<blockquote class=\"template\">")
      .append(HtmlEscape(c.template_text))
      .append("</blockquote>\n");
  out.append("<p><strong>What members added to the template</strong></p>\n");
  if (c.additions.empty()) out.append(Empty("No member added text."));
  for (const Addition& a : c.additions) {
    out.append("<p class=\"ids\"><code>")
        .append(HtmlEscape(a.id))
        .append("</code></p>\n<ul>\n");
    for (const std::string& sentence : a.sentences) {
      out.append("<li>").append(HtmlEscape(sentence)).append("</li>\n");
    }
    out.append("</ul>\n");
  }
  out.append("<p class=\"ids\">Members: ");
  for (std::size_t i = 0; i < c.members.size(); ++i) {
    out.append(i ? ", " : "")
        .append("<code>")
        .append(HtmlEscape(c.members[i]))
        .append("</code>");
  }
  return out.append("</p>\n");
}

std::string ScoreTable(const std::string& caption,
                       const std::vector<std::pair<std::string, double>>& rows,
                       const std::string& head) {
  std::string out = "<table>\n<caption>";
  out.append(HtmlEscape(caption))
      .append(
          "</caption>\n<thead><tr>"
          "<th scope=\"col\">")
      .append(HtmlEscape(head))
      .append(
          "</th>"
          "<th scope=\"col\" class=\"num\">Value</th></tr></thead>\n<tbody>\n");
  for (const auto& [key, value] : rows) {
    out.append("<tr><th scope=\"row\">")
        .append(HtmlEscape(key))
        .append("</th><td class=\"num\">")
        .append(FormatScore(value))
        .append("</td></tr>\n");
  }
  return out.append("</tbody>\n</table>\n");
}

}  // namespace

std::string SentimentBySectorSection(const Digest& d) {
  std::string body =
      "<p>The share of each sector's responses that read as negative, neutral "
      "or positive, then the mean sentiment (from -1, most negative, to +1) of "
      "each sector's responses on each theme. Cells with fewer than 5 "
      "responses are greyed out and marked n&lt;5.</p>\n<figure>\n";
  body.append(SectorHeatmapSvg(d.sentiment_by_sector))
      .append(HeatmapTable(d.sentiment_by_sector))
      .append("</figure>\n<figure>\n")
      .append(Matrix(d))
      .append(ScaleLegend())
      .append(
          "<figcaption>Orange is negative, blue positive; the value is "
          "printed in every cell.</figcaption>\n</figure>\n");
  return Section("sentiment-by-sector", "Sentiment by sector", body);
}

std::string CampaignsSection(const Digest& d) {
  std::string body =
      "<p>A campaign is a set of responses built on one template letter. "
      "Its letters are counted in full in the overview and once in the "
      "campaign-collapsed counts.</p>\n";
  if (d.campaigns.empty()) body.append(Empty("No campaigns were found."));
  int index = 1;
  for (const Campaign& c : d.campaigns) body.append(CampaignBlock(c, index++));
  if (!d.repeated_answers.empty()) {
    body.append(
        "<h3>Short answers many gave word for word</h3>\n<p>Not campaigns: "
        "each response counts on its own. Answers that only point elsewhere "
        "(\"see attached\") mean the content must be read there.</p>\n<ul>\n");
    for (const RepeatedAnswer& r : d.repeated_answers) {
      body.append(fmt::format(
          "<li>{} responses: <q>{}</q> <span "
          "class=\"ids\">(<code>{}</code>)</span></li>\n",
          FormatCount(r.size), HtmlEscape(r.text), HtmlEscape(r.id)));
    }
    body.append("</ul>\n");
  }
  return Section("campaigns", "Campaigns", body);
}

std::string OutsideTaxonomySection(const Digest& d) {
  const OutsideTaxonomy& o = d.outside_taxonomy;
  std::string body =
      "<p>Responses the model gave no theme, or flagged for a person to "
      "review.</p>\n";
  body.append(Figures({{"Responses", FormatCount(o.count)},
                       {"No theme", FormatCount(o.no_label)},
                       {"Flagged for review", FormatCount(o.needs_review)}}));
  body.append("<h3>In their words</h3>\n");
  for (const Quote& q : o.quotes) body.append(QuoteBlock(q));
  if (o.quotes.empty()) body.append(Empty("No quotes."));
  body.append("<h3>Sub-themes</h3>\n").append(SubthemeTable(o.subthemes));
  body.append(PhraseTable(o.phrases));
  return Section("outside-taxonomy", "Outside the taxonomy", body);
}

std::string MethodologySection(const Digest& d) {
  const Methodology& m = d.methodology;
  std::string body = "<dl class=\"figures\">\n<div><dt>sift version</dt><dd>";
  body.append(HtmlEscape(m.sift_version))
      .append("</dd></div>\n<div><dt>Redaction</dt><dd>")
      .append(m.redaction ? "On" : "Off")
      .append("</dd></div>\n</dl>\n<p>Theme model: <code>")
      .append(HtmlEscape(m.model))
      .append("</code></p>\n<div class=\"grid\">\n");
  std::vector<std::pair<std::string, double>> labels;
  for (const auto& [id, threshold] : m.thresholds) {
    labels.emplace_back(d.ThemeName(id), threshold);
  }
  std::vector<std::pair<std::string, double>> scores, sentiment;
  for (const auto& [k, v] : m.test_scores)
    scores.emplace_back(ScoreLabel(k), v);
  for (const auto& [k, v] : m.sentiment_scores) {
    sentiment.emplace_back(ScoreLabel(k), v);
  }
  body.append("<div>")
      .append(ScoreTable("Theme thresholds", labels, "Theme"))
      .append("</div>\n<div>")
      .append(ScoreTable("Theme model, test split", scores, "Measure"))
      .append(ScoreTable("Sentiment model, test split", sentiment, "Measure"))
      .append("</div>\n</div>\n");
  body.append(
      "<table>\n<caption>Input files</caption>\n<thead><tr>"
      "<th scope=\"col\">File</th><th scope=\"col\" class=\"num\">"
      "Rows</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n");
  for (const InputFile& f : m.input_files) {
    body.append("<tr><th scope=\"row\"><code>")
        .append(HtmlEscape(f.path))
        .append("</code></th><td class=\"num\">")
        .append(FormatCount(f.rows))
        .append("</td><td class=\"mono\">")
        .append(HtmlEscape(f.sha256))
        .append("</td></tr>\n");
  }
  body.append("</tbody>\n</table>\n<h3>Notes</h3>\n<ul class=\"notes\">\n");
  for (const std::string& note : m.notes) {
    body.append("<li>").append(HtmlEscape(note)).append("</li>\n");
  }
  return Section("methodology", "Methodology", body.append("</ul>\n"));
}

}  // namespace sift::report::internal::html
