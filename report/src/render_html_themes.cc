// The HTML digest's building blocks (tables, quotes) and the per-theme
// sections.
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "render.h"
#include "render_html.h"

namespace sift::report::internal::html {
namespace {

std::string Attribution(const Quote& q) {
  std::string out = "<code>";
  out.append(HtmlEscape(q.id)).append("</code>");
  if (!q.respondent_type.empty()) {
    out.append(" &middot; ").append(HtmlEscape(q.respondent_type));
  }
  if (!q.sector.empty()) out.append(" &middot; ").append(HtmlEscape(q.sector));
  if (q.sentiment) {
    out.append(" &middot; sentiment ").append(FormatSentiment(*q.sentiment));
  }
  return out;
}

std::string ThemeSentimentTable(const Sentiment& s) {
  std::string out =
      "<table>\n<caption>Sentiment of the theme's responses</caption>\n"
      "<thead><tr><th scope=\"col\" class=\"num\">Negative</th>"
      "<th scope=\"col\" class=\"num\">Neutral</th>"
      "<th scope=\"col\" class=\"num\">Positive</th>"
      "<th scope=\"col\" class=\"num\">Mean (-1 to +1)</th>"
      "<th scope=\"col\" "
      "class=\"num\">Responses</th></tr></thead>\n<tbody><tr>";
  for (double share : {s.negative, s.neutral, s.positive}) {
    out.append("<td class=\"num\">").append(FormatShare(share)).append("</td>");
  }
  return out.append("<td class=\"num\">")
      .append(FormatSentiment(s.mean))
      .append("</td><td class=\"num\">")
      .append(FormatCount(s.n))
      .append("</td></tr></tbody>\n</table>\n");
}

}  // namespace

std::string Section(std::string_view id, std::string_view heading,
                    std::string_view body) {
  std::string eid = HtmlEscape(id);
  return std::string("<section id=\"")
      .append(eid)
      .append("\" aria-labelledby=\"")
      .append(eid)
      .append("-heading\">\n<h2 id=\"")
      .append(eid)
      .append("-heading\">")
      .append(HtmlEscape(heading))
      .append("</h2>\n")
      .append(body)
      .append("</section>\n");
}

std::string Figures(
    const std::vector<std::pair<std::string, std::string>>& figures) {
  std::string out = "<dl class=\"figures\">\n";
  for (const auto& [label, value] : figures) {
    out.append("<div><dt>")
        .append(HtmlEscape(label))
        .append("</dt><dd>")
        .append(HtmlEscape(value))
        .append("</dd></div>\n");
  }
  return out.append("</dl>\n");
}

std::string CountTable(std::string_view caption, std::string_view label_head,
                       const std::vector<Count>& counts, int64_t total) {
  std::string out = "<table>\n<caption>";
  out.append(HtmlEscape(caption))
      .append("</caption>\n<thead><tr><th scope=\"col\">")
      .append(HtmlEscape(label_head))
      .append(
          "</th><th scope=\"col\" class=\"num\">Responses</th>"
          "<th scope=\"col\" class=\"num\">Share</th></tr></thead>\n"
          "<tbody>\n");
  for (const Count& c : counts) {
    out.append("<tr><th scope=\"row\">")
        .append(HtmlEscape(c.label))
        .append("</th><td class=\"num\">")
        .append(FormatCount(c.count))
        .append("</td><td class=\"num\">")
        .append(FormatShare(ShareOf(c.count, total)))
        .append("</td></tr>\n");
  }
  if (counts.empty()) {
    out.append("<tr><td colspan=\"3\" class=\"empty\">None</td></tr>\n");
  }
  return out.append("</tbody>\n</table>\n");
}

std::string QuoteBlock(const Quote& q) {
  return std::string("<figure class=\"quote\"><blockquote><p>&ldquo;")
      .append(HtmlEscape(q.text))
      .append("&rdquo;</p></blockquote>\n<figcaption>")
      .append(Attribution(q))
      .append("</figcaption></figure>\n");
}

std::string PhraseTable(const std::vector<Phrase>& phrases) {
  if (phrases.empty()) return Empty("No distinctive phrases.");
  std::string out =
      "<table>\n<caption>Distinctive phrases</caption>\n<thead><tr>"
      "<th scope=\"col\">Phrase</th>"
      "<th scope=\"col\" class=\"num\">Responses</th>"
      "<th scope=\"col\" class=\"num\">Mentions</th>"
      "<th scope=\"col\" class=\"num\">Score</th></tr></thead>\n<tbody>\n";
  for (const Phrase& p : phrases) {
    out.append("<tr><th scope=\"row\">")
        .append(HtmlEscape(p.text))
        .append("</th><td class=\"num\">")
        .append(FormatCount(p.responses))
        .append("</td><td class=\"num\">")
        .append(FormatCount(p.count))
        .append("</td><td class=\"num\">")
        .append(fmt::format("{:.1f}", p.score))
        .append("</td></tr>\n");
  }
  return out.append("</tbody>\n</table>\n");
}

std::string SubthemeTable(const std::vector<Subtheme>& subthemes) {
  if (subthemes.empty()) return Empty("No sub-themes were found.");
  std::string out =
      "<table>\n<caption class=\"hidden\">Sub-themes</caption>\n<thead><tr>"
      "<th scope=\"col\" style=\"width:26%\">Sub-theme</th>"
      "<th scope=\"col\" class=\"num\">Responses</th>"
      "<th scope=\"col\" class=\"num\">Sentiment</th>"
      "<th scope=\"col\">Example</th></tr></thead>\n<tbody>\n";
  for (const Subtheme& s : subthemes) {
    out.append("<tr><th scope=\"row\">")
        .append(HtmlEscape(s.name))
        .append("</th><td class=\"num\">")
        .append(FormatCount(s.count))
        .append("</td><td class=\"num\">")
        .append(FormatSentiment(s.sentiment))
        .append("</td><td>");
    if (s.quote) {
      out.append("&ldquo;")
          .append(HtmlEscape(s.quote->text))
          .append("&rdquo;<br><span class=\"ids\">")
          .append(Attribution(*s.quote))
          .append("</span>");
    }
    out.append("</td></tr>\n");
  }
  return out.append("</tbody>\n</table>\n");
}

std::string Empty(std::string_view text) {
  return std::string("<p class=\"empty\">")
      .append(HtmlEscape(text))
      .append("</p>\n");
}

std::string ThemeSection(const Theme& t) {
  std::string body;
  if (!t.kind.empty()) {
    body.append("<p class=\"kicker\">")
        .append(HtmlEscape(KindLabel(t.kind)))
        .append("</p>\n");
  }
  if (!t.description.empty()) {
    body.append("<p class=\"description\">")
        .append(HtmlEscape(t.description))
        .append("</p>\n");
  }
  body.append(Figures({
      {"Responses", FormatCount(t.count)},
      {"Share of all responses", FormatShare(t.share)},
      {"Campaigns counted once", FormatCount(t.count_collapsed)},
      {"Mean sentiment", FormatSentiment(t.sentiment.mean)},
  }));
  body.append("<figure>\n")
      .append(SentimentBarSvg(t.sentiment, t.id, t.name))
      .append(ThemeSentimentTable(t.sentiment))
      .append("</figure>\n<h3>In their words</h3>\n");
  for (const Quote& q : t.quotes) body.append(QuoteBlock(q));
  if (t.quotes.empty()) body.append(Empty("No quotes."));
  for (const auto& [heading, quotes] :
       {std::pair{"Critical voices", &t.critical},
        std::pair{"Supportive voices", &t.supportive}}) {
    if (quotes->empty()) continue;
    body.append("<h3>").append(heading).append("</h3>\n");
    for (const Quote& q : *quotes) body.append(QuoteBlock(q));
  }
  body.append("<h3>Sub-themes</h3>\n").append(SubthemeTable(t.subthemes));
  body.append("<h3>What was said and who said it</h3>\n<div class=\"grid\">\n")
      .append("<div>")
      .append(PhraseTable(t.phrases))
      .append(CountTable("By respondent type", "Respondent type",
                         t.by_respondent_type, t.count))
      .append("</div>\n<div>")
      .append(CountTable("By sector (share of the theme)", "Sector",
                         t.by_sector, t.count))
      .append("</div>\n</div>\n")
      .append(CountTable("By question", "Question", t.by_question, t.count));
  return Section(std::string("theme-").append(t.id), t.name, body);
}

}  // namespace sift::report::internal::html
