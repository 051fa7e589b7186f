// The HTML digest's document: head and style sheet, title block, contents,
// and the overview and prevalence sections. The other sections are in
// render_html_sections.cc and render_html_themes.cc.
#include "render_html.h"

#include <string>

#include "render.h"

namespace sift::report::internal {
namespace {

// Restrained, print-first styling: a system font stack at ~11pt in print,
// tabular figures, hairline table rules, one accent colour.
constexpr char kStyle[] = R"css(
:root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --accent: #1f3a5f;
  --paper: #fff; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #e9ecef; color: var(--ink);
  font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Liberation Sans", "DejaVu Sans", sans-serif;
  font-size: 15px; line-height: 1.45; }
main { max-width: 820px; margin: 24px auto; padding: 48px 56px;
  background: var(--paper); box-shadow: 0 1px 4px rgba(0,0,0,.15); }
svg text { font-family: inherit; }
h1, h2, h3 { color: var(--accent); line-height: 1.2; break-after: avoid; }
h1 { font-size: 1.9em; margin: .2em 0 .3em; }
h2 { font-size: 1.45em; margin: 0 0 .6em; padding-bottom: .25em;
  border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.08em; margin: 1.4em 0 .5em; }
p { margin: .4em 0 .8em; }
section { margin-top: 2.6em; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .8em;
  color: var(--muted); margin: 0; }
.meta { color: var(--muted); margin: 0 0 1em; }
.lead { font-size: 1.15em; margin: .8em 0 1.2em; }
.title-block { border-bottom: 1px solid var(--rule); padding-bottom: 1em; }
nav ol { columns: 2; margin: .4em 0 0; padding-left: 1.4em; font-size: .92em; }
a { color: var(--accent); text-decoration: none; }
.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: .8em 0 1.2em;
  padding: 0; }
.figures div { flex: 1 1 120px; border-left: 3px solid var(--accent);
  background: #f4f6f8; padding: 6px 10px; }
.figures dt { font-size: .78em; color: var(--muted); }
.figures dd { margin: 0; font-size: 1.3em; font-weight: 600;
  font-variant-numeric: tabular-nums; }
.kind { font-size: .55em; font-weight: 500; color: var(--muted);
  border: 1px solid var(--rule); border-radius: 3px; padding: 1px 6px;
  vertical-align: middle; margin-left: .4em; }
.description { color: var(--muted); font-style: italic; }
figure { margin: 1em 0 1.4em; break-inside: avoid; }
figcaption { font-size: .85em; color: var(--muted); margin-top: .3em; }
svg.chart { width: 100%; height: auto; display: block; margin: .4em 0; }
table { width: 100%; border-collapse: collapse; margin: .4em 0 1em;
  font-size: .9em; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: 600;
  color: var(--ink); padding-bottom: .3em; }
th, td { padding: 4px 8px; vertical-align: top; overflow-wrap: anywhere; }
thead th { text-align: left; border-bottom: 1.5px solid var(--ink);
  font-weight: 600; }
tbody td, tbody th { border-bottom: 1px solid #e4e4e4; }
tbody th { text-align: left; font-weight: 500; }
.num { text-align: right; white-space: nowrap; }
thead .num { text-align: right; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 28px;
  align-items: start; }
.quote { margin: .8em 0; padding: .4em 0 .4em 14px;
  border-left: 3px solid #9fb7d1; break-inside: avoid; }
.quote blockquote { margin: 0; font-size: 1.02em; }
.quote figcaption { margin: .2em 0 0; }
.matrix { font-size: .8em; table-layout: fixed; }
.matrix th, .matrix td { text-align: center; padding: 4px 2px; }
.matrix tbody th { text-align: left; padding-left: 4px; }
.matrix td small { display: block; font-size: .8em; opacity: .85; }
.matrix td.na { background: repeating-linear-gradient(45deg, #f0f0f0 0 4px,
  #dcdcdc 4px 8px); color: #444; }
.scale { display: flex; gap: 0; margin: .3em 0; font-size: .8em; }
.scale span { flex: 1; text-align: center; padding: 3px 0; }
.template { white-space: pre-wrap; background: #f4f6f8; padding: 10px 14px;
  border-left: 3px solid var(--accent); margin: .6em 0 1em; font-size: .95em; }
.ids { font-size: .85em; color: var(--muted); }
code, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: .85em; overflow-wrap: anywhere; }
.empty { color: var(--muted); font-style: italic; }
caption.hidden { position: absolute; width: 1px; height: 1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
ul.notes li { margin-bottom: .3em; }
@page { size: A4; margin: 16mm 15mm 18mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font-size: 8pt; color: #555;
    font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; } }
@media print {
  body { background: none; font-size: 10pt; line-height: 1.35; }
  th, td { padding: 2.5px 6px; }
  h3 { margin: 1em 0 .4em; }
  .quote { margin: .5em 0; padding: .2em 0 .2em 12px; }
  .figures { margin: .5em 0 .8em; }
  figure { margin: .6em 0 1em; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  section { margin-top: 0; break-before: page; }
  section#overview { break-before: auto; margin-top: 1.5em; }
  a { color: var(--ink); }
}
)css";

std::string TitleBlock(const Digest& d) {
  std::string out = "<header class=\"title-block\">\n";
  out.append("<p class=\"kicker\">Consultation digest</p>\n<h1>")
      .append(HtmlEscape(d.title))
      .append("</h1>\n<p class=\"meta\">Generated ")
      .append(HtmlEscape(FormatTimestamp(d.generated)))
      .append(" by sift ")
      .append(HtmlEscape(d.methodology.sift_version))
      .append("</p>\n<p class=\"lead\">")
      .append(HtmlEscape(SummaryLine(d.overview)))
      .append(".</p>\n");
  out.append("<nav aria-label=\"Contents\"><strong>Contents</strong><ol>\n");
  auto item = [&out](const std::string& id, const std::string& text) {
    out.append("<li><a href=\"#")
        .append(HtmlEscape(id))
        .append("\">")
        .append(HtmlEscape(text))
        .append("</a></li>\n");
  };
  item("overview", "Overview");
  item("prevalence", "Theme prevalence");
  item("sentiment-by-sector", "Sentiment by sector");
  for (const Theme& t : d.themes) {
    item(std::string("theme-").append(t.id), t.name);
  }
  item("campaigns", "Campaigns");
  item("outside-taxonomy", "Outside the taxonomy");
  item("methodology", "Methodology");
  return out.append("</ol></nav>\n</header>\n");
}

}  // namespace

namespace html {

std::string OverviewSection(const Digest& d) {
  const Overview& o = d.overview;
  int64_t redacted = 0;
  for (const auto& [kind, n] : o.redactions) redacted += n;
  std::string body = Figures({
      {"Responses", FormatCount(o.responses)},
      {"Respondents", FormatCount(o.respondents)},
      {"Responses, campaigns as one", FormatCount(o.responses_collapsed)},
      {"Campaign letters", FormatCount(o.campaign_members)},
      {"Exact duplicates", FormatCount(o.duplicates)},
  });
  body.append(
          "<p>A respondent may answer several questions, and each answer is "
          "one response. Counting each campaign of template letters as a "
          "single response gives ")
      .append(FormatCount(o.responses_collapsed))
      .append(" responses. ")
      .append(FormatCount(o.duplicates))
      .append(
          " responses are exact duplicates of another and are still "
          "counted; ")
      .append(FormatCount(redacted))
      .append(" items of personal data were redacted.</p>\n");
  body.append("<div class=\"grid\">\n")
      .append(CountTable("By respondent type", "Respondent type",
                         o.by_respondent_type, o.responses))
      .append(
          CountTable("By sentiment", "Sentiment", o.by_sentiment, o.responses))
      .append(CountTable("By sector", "Sector", o.by_sector, o.responses))
      .append(CountTable("By district", "District", o.by_district, o.responses))
      .append("</div>\n")
      .append(
          CountTable("By question", "Question", o.by_question, o.responses));
  body.append("<table>\n<caption>Personal data redacted before analysis: ")
      .append(o.redaction ? "redaction on" : "redaction off")
      .append(
          "</caption>\n<thead><tr><th scope=\"col\">Kind</th>"
          "<th scope=\"col\" class=\"num\">Items</th></tr></thead>\n"
          "<tbody>\n");
  for (const auto& [kind, n] : o.redactions) {
    body.append("<tr><th scope=\"row\">")
        .append(HtmlEscape(RedactionLabel(kind)))
        .append("</th><td class=\"num\">")
        .append(FormatCount(n))
        .append("</td></tr>\n");
  }
  body.append(
          "<tr><th scope=\"row\"><strong>Total</strong></th>"
          "<td class=\"num\"><strong>")
      .append(FormatCount(redacted))
      .append("</strong></td></tr>\n</tbody>\n</table>\n");
  return Section("overview", "Overview", body);
}

std::string PrevalenceSection(const Digest& d) {
  std::string body =
      "<p>How many responses raise each theme. A response can raise several "
      "themes. The hatched bar counts each campaign of template letters "
      "once.</p>\n<figure>\n";
  body.append(PrevalenceChartSvg(d));
  body.append(
      "<table>\n<caption>Responses per theme</caption>\n<thead><tr>"
      "<th scope=\"col\">Theme</th><th scope=\"col\">Kind</th>"
      "<th scope=\"col\" class=\"num\">Responses</th>"
      "<th scope=\"col\" class=\"num\">Share</th>"
      "<th scope=\"col\" class=\"num\">Campaigns counted once</th>"
      "<th scope=\"col\" class=\"num\">Mean sentiment</th>"
      "</tr></thead>\n<tbody>\n");
  for (const Theme& t : d.themes) {
    body.append("<tr><th scope=\"row\"><a href=\"#theme-")
        .append(HtmlEscape(t.id))
        .append("\">")
        .append(HtmlEscape(t.name))
        .append("</a></th><td>")
        .append(HtmlEscape(KindLabel(t.kind)))
        .append("</td><td class=\"num\">")
        .append(FormatCount(t.count))
        .append("</td><td class=\"num\">")
        .append(FormatShare(t.share))
        .append("</td><td class=\"num\">")
        .append(FormatCount(t.count_collapsed))
        .append("</td><td class=\"num\">")
        .append(FormatSentiment(t.sentiment.mean))
        .append("</td></tr>\n");
  }
  body.append("</tbody>\n</table>\n</figure>\n");
  return Section("prevalence", "Theme prevalence", body);
}

}  // namespace html

std::string RenderHtml(const Digest& d) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n<title>";
  out.append(HtmlEscape(d.title)).append("</title>\n<style>");
  out.append(kStyle).append("</style>\n</head>\n<body>\n<main>\n");
  out.append(TitleBlock(d));
  out.append(html::OverviewSection(d));
  out.append(html::PrevalenceSection(d));
  out.append(html::SentimentBySectorSection(d));
  for (const Theme& t : d.themes) {
    out.append(html::ThemeSection(t));
  }
  out.append(html::CampaignsSection(d));
  out.append(html::OutsideTaxonomySection(d));
  out.append(html::MethodologySection(d));
  out.append("</main>\n</body>\n</html>\n");
  return out;
}

}  // namespace sift::report::internal
