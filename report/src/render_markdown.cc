// The Markdown digest: title, overview, prevalence, sentiment by sector and
// methodology, and the table and quote helpers. The per-theme, campaign and
// outside-the-taxonomy sections are in render_markdown_themes.cc.
#include "render_markdown.h"

#include <string>
#include <vector>

#include "render.h"

namespace sift::report::internal {
namespace md {

std::string Table(const std::vector<std::string>& head,
                  const std::vector<bool>& right,
                  const std::vector<std::vector<std::string>>& rows) {
  std::string out = "|";
  for (const std::string& h : head) out.append(" ").append(h).append(" |");
  out.append("\n|");
  for (std::size_t i = 0; i < head.size(); ++i) {
    out.append(i < right.size() && right[i] ? " ---: |" : " --- |");
  }
  out.append("\n");
  for (const auto& row : rows) {
    out.append("|");
    for (const std::string& cell : row)
      out.append(" ").append(cell).append(" |");
    out.append("\n");
  }
  return out.append("\n");
}

std::string CountTable(const std::string& caption, const std::string& head,
                       const std::vector<Count>& counts, int64_t total) {
  std::vector<std::vector<std::string>> rows;
  for (const Count& c : counts) {
    rows.push_back({MarkdownEscape(c.label), FormatCount(c.count),
                    FormatShare(ShareOf(c.count, total))});
  }
  if (rows.empty()) rows.push_back({"None", "", ""});
  return std::string("**").append(caption).append("**\n\n").append(
      Table({head, "Responses", "Share"}, {false, true, true}, rows));
}

std::string Code(const std::string& text) {
  if (text.find('`') != std::string::npos) return MarkdownEscape(text);
  return std::string("`").append(text).append("`");
}

std::string QuoteBlock(const Quote& q) {
  std::string out = "> \u201c";
  out.append(MarkdownEscape(q.text))
      .append("\u201d\n>\n> \u2014 ")
      .append(Code(q.id));
  if (!q.respondent_type.empty()) {
    out.append(", ").append(MarkdownEscape(q.respondent_type));
  }
  if (!q.sector.empty()) out.append(", ").append(MarkdownEscape(q.sector));
  if (q.sentiment) {
    out.append(", sentiment ").append(FormatSentiment(*q.sentiment));
  }
  return out.append("\n\n");
}

}  // namespace md

namespace {

std::string OverviewSection(const Digest& d) {
  const internal::Overview& o = d.overview;
  std::string out = "## Overview\n\n";
  out.append("- Responses: ")
      .append(FormatCount(o.responses))
      .append("\n- Respondents: ")
      .append(FormatCount(o.respondents))
      .append("\n- Responses with each campaign counted once: ")
      .append(FormatCount(o.responses_collapsed))
      .append("\n- Campaigns: ")
      .append(FormatCount(o.campaigns))
      .append(", with ")
      .append(FormatCount(o.campaign_members))
      .append(" letters\n- Exact duplicates (still counted): ")
      .append(FormatCount(o.duplicates))
      .append("\n\n");
  out.append(md::CountTable("By respondent type", "Respondent type",
                            o.by_respondent_type, o.responses))
      .append(md::CountTable("By sector", "Sector", o.by_sector, o.responses))
      .append(
          md::CountTable("By district", "District", o.by_district, o.responses))
      .append(
          md::CountTable("By question", "Question", o.by_question, o.responses))
      .append(md::CountTable("By sentiment", "Sentiment", o.by_sentiment,
                             o.responses));
  std::vector<std::vector<std::string>> rows;
  int64_t total = 0;
  for (const auto& [kind, n] : o.redactions) {
    rows.push_back({MarkdownEscape(RedactionLabel(kind)), FormatCount(n)});
    total += n;
  }
  rows.push_back(
      {"**Total**", std::string("**").append(FormatCount(total)).append("**")});
  out.append("**Personal data redacted before analysis: redaction ")
      .append(o.redaction ? "on" : "off")
      .append("**\n\n")
      .append(md::Table({"Kind", "Items"}, {false, true}, rows));
  return out;
}

std::string PrevalenceSection(const Digest& d) {
  std::vector<std::vector<std::string>> rows;
  for (const Theme& t : d.themes) {
    rows.push_back({MarkdownEscape(t.name), MarkdownEscape(KindLabel(t.kind)),
                    FormatCount(t.count), FormatShare(t.share),
                    FormatCount(t.count_collapsed),
                    FormatSentiment(t.sentiment.mean)});
  }
  return std::string("## Theme prevalence\n\n")
      .append(
          "How many responses raise each theme (a response can raise "
          "several), and the count with each campaign counted once.\n\n")
      .append(md::Table({"Theme", "Kind", "Responses", "Share",
                         "Campaigns counted once", "Mean sentiment"},
                        {false, false, true, true, true, true}, rows));
}

std::string SentimentBySectorSection(const Digest& d) {
  const internal::SentimentBySector& s = d.sentiment_by_sector;
  std::vector<std::vector<std::string>> rows;
  for (const SectorSentiment& r : s.sectors) {
    rows.push_back({MarkdownEscape(r.label), FormatCount(r.count),
                    FormatShare(r.negative), FormatShare(r.neutral),
                    FormatShare(r.positive), FormatSentiment(r.mean)});
  }
  std::string out =
      "## Sentiment by sector\n\n**Sentiment share by sector**\n\n";
  out.append(md::Table(
      {"Sector", "Responses", "Negative", "Neutral", "Positive", "Mean"},
      {false, true, true, true, true, true}, rows));
  // A row per theme and a column per sector, as in the HTML digest.
  std::vector<std::string> head = {"Theme"};
  std::vector<bool> right = {false};
  for (const SectorSentiment& sector : s.sectors) {
    head.push_back(MarkdownEscape(sector.label));
    right.push_back(true);
  }
  rows.clear();
  for (std::size_t t = 0; t < s.themes.size(); ++t) {
    std::vector<std::string> row = {MarkdownEscape(d.ThemeName(s.themes[t]))};
    for (std::size_t r = 0; r < s.sectors.size(); ++r) {
      const Cell& c = s.matrix[r][t];
      row.push_back(c.mean ? std::string(FormatSentiment(*c.mean))
                                 .append(" (n=")
                                 .append(FormatCount(c.count))
                                 .append(")")
                           : std::string("n\\<5"));
    }
    rows.push_back(row);
  }
  return out
      .append(
          "**Mean sentiment by sector and theme** (-1 to +1; "
          "n\\<5: fewer than 5 responses, not shown)\n\n")
      .append(md::Table(head, right, rows));
}

std::string MethodologySection(const Digest& d) {
  const internal::Methodology& m = d.methodology;
  std::string out = "## Methodology\n\n";
  out.append("- sift version: ")
      .append(MarkdownEscape(m.sift_version))
      .append("\n- Theme model: ")
      .append(md::Code(m.model))
      .append("\n- Redaction: ")
      .append(m.redaction ? "on" : "off")
      .append("\n\n");
  std::vector<std::vector<std::string>> rows;
  for (const auto& [id, threshold] : m.thresholds) {
    rows.push_back({MarkdownEscape(d.ThemeName(id)), FormatScore(threshold)});
  }
  out.append("**Theme thresholds**\n\n")
      .append(md::Table({"Theme", "Threshold"}, {false, true}, rows));
  rows.clear();
  for (const auto& [k, v] : m.test_scores) {
    rows.push_back(
        {"Theme model", MarkdownEscape(ScoreLabel(k)), FormatScore(v)});
  }
  for (const auto& [k, v] : m.sentiment_scores) {
    rows.push_back(
        {"Sentiment model", MarkdownEscape(ScoreLabel(k)), FormatScore(v)});
  }
  out.append("**Test-split scores**\n\n")
      .append(
          md::Table({"Model", "Measure", "Value"}, {false, false, true}, rows));
  rows.clear();
  for (const InputFile& f : m.input_files) {
    rows.push_back({md::Code(f.path), FormatCount(f.rows), md::Code(f.sha256)});
  }
  out.append("**Input files**\n\n")
      .append(
          md::Table({"File", "Rows", "SHA-256"}, {false, true, false}, rows))
      .append("**Notes**\n\n");
  for (const std::string& note : m.notes) {
    out.append("- ").append(MarkdownEscape(note)).append("\n");
  }
  return out;
}

}  // namespace

std::string RenderMarkdown(const Digest& d) {
  std::string out = "# ";
  out.append(MarkdownEscape(d.title))
      .append("\n\n*Consultation digest, generated ")
      .append(MarkdownEscape(FormatTimestamp(d.generated)))
      .append(" by sift ")
      .append(MarkdownEscape(d.methodology.sift_version))
      .append("*\n\n**")
      .append(MarkdownEscape(SummaryLine(d.overview)))
      .append(".**\n\n");
  out.append(OverviewSection(d))
      .append(PrevalenceSection(d))
      .append(SentimentBySectorSection(d));
  for (const Theme& t : d.themes) out.append(md::ThemeSection(t));
  out.append(md::CampaignsSection(d))
      .append(md::OutsideTaxonomySection(d))
      .append(MethodologySection(d));
  return out;
}

}  // namespace sift::report::internal
