// The Markdown digest's per-theme, campaign and outside-the-taxonomy
// sections, and the phrase and sub-theme tables they share.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "render.h"
#include "render_markdown.h"

namespace sift::report::internal::md {

std::string PhraseTable(const std::vector<Phrase>& phrases) {
  if (phrases.empty()) return "*No distinctive phrases.*\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const Phrase& p : phrases) {
    rows.push_back({MarkdownEscape(p.text), FormatCount(p.responses),
                    FormatCount(p.count), fmt::format("{:.1f}", p.score)});
  }
  return std::string("**Distinctive phrases**\n\n")
      .append(Table({"Phrase", "Responses", "Mentions", "Score"},
                    {false, true, true, true}, rows));
}

std::string SubthemeTable(const std::vector<Subtheme>& subthemes) {
  if (subthemes.empty()) return "*No sub-themes were found.*\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const Subtheme& s : subthemes) {
    std::string example;
    if (s.quote) {
      example.append("\u201c")
          .append(MarkdownEscape(s.quote->text))
          .append("\u201d \u2014 ")
          .append(Code(s.quote->id));
      if (!s.quote->respondent_type.empty()) {
        example.append(", ").append(MarkdownEscape(s.quote->respondent_type));
      }
      if (!s.quote->sector.empty()) {
        example.append(", ").append(MarkdownEscape(s.quote->sector));
      }
    }
    rows.push_back({MarkdownEscape(s.name), FormatCount(s.count),
                    FormatSentiment(s.sentiment), example});
  }
  return std::string(Table({"Sub-theme", "Responses", "Sentiment", "Example"},
                           {false, true, true, false}, rows));
}

std::string ThemeSection(const Theme& t) {
  std::string out = "## ";
  out.append(MarkdownEscape(t.name)).append("\n\n");
  if (!t.kind.empty() || !t.description.empty()) {
    out.append("*");
    if (!t.kind.empty()) out.append(MarkdownEscape(KindLabel(t.kind)));
    if (!t.kind.empty() && !t.description.empty()) out.append(": ");
    out.append(MarkdownEscape(t.description)).append("*\n\n");
  }
  const Sentiment& s = t.sentiment;
  out.append("- Responses: ")
      .append(FormatCount(t.count))
      .append(" (")
      .append(FormatShare(t.share))
      .append(" of all responses)")
      .append("\n- Campaigns counted once: ")
      .append(FormatCount(t.count_collapsed))
      .append("\n- Sentiment: ")
      .append(FormatShare(s.negative))
      .append(" negative, ")
      .append(FormatShare(s.neutral))
      .append(" neutral, ")
      .append(FormatShare(s.positive))
      .append(" positive; mean ")
      .append(FormatSentiment(s.mean))
      .append(" over ")
      .append(FormatCount(s.n))
      .append(" responses\n\n");
  out.append("### In their words\n\n");
  for (const Quote& q : t.quotes) out.append(QuoteBlock(q));
  if (t.quotes.empty()) out.append("*No quotes.*\n\n");
  for (const auto& [heading, quotes] :
       {std::pair{"Critical voices", &t.critical},
        std::pair{"Supportive voices", &t.supportive}}) {
    if (quotes->empty()) continue;
    out.append("### ").append(heading).append("\n\n");
    for (const Quote& q : *quotes) out.append(QuoteBlock(q));
  }
  out.append("### Sub-themes\n\n").append(SubthemeTable(t.subthemes));
  out.append("### What was said and who said it\n\n")
      .append(PhraseTable(t.phrases))
      .append(CountTable("By sector (share of the theme)", "Sector",
                         t.by_sector, t.count))
      .append(CountTable("By respondent type", "Respondent type",
                         t.by_respondent_type, t.count))
      .append(CountTable("By question", "Question", t.by_question, t.count));
  return out;
}

std::string CampaignsSection(const Digest& d) {
  std::string out =
      "## Campaigns\n\nA campaign is a set of responses built on one template "
      "letter. Its letters are counted in full in the overview and once in "
      "the campaign-collapsed counts.\n\n";
  if (d.campaigns.empty()) out.append("*No campaigns were found.*\n\n");
  int index = 1;
  for (const Campaign& c : d.campaigns) {
    out.append(fmt::format("### Campaign {}: {} letters\n\n", index++,
                           FormatCount(c.size)));
    out.append("Campaign ").append(Code(c.id));
    if (!c.template_id.empty()) {
      out.append("; template taken from ").append(Code(c.template_id));
    }
    out.append(".\n\n**The template letter**\n\n> ")
        .append(MarkdownEscape(c.template_text))
        .append("\n\n**What members added to the template**\n\n");
    if (c.additions.empty()) out.append("*No member added text.*\n\n");
    for (const Addition& a : c.additions) {
      out.append("- ").append(Code(a.id)).append(":\n");
      for (const std::string& sentence : a.sentences) {
        out.append("  - ").append(MarkdownEscape(sentence)).append("\n");
      }
    }
    out.append(c.additions.empty() ? "" : "\n").append("Members: ");
    for (std::size_t i = 0; i < c.members.size(); ++i) {
      out.append(i ? ", " : "").append(Code(c.members[i]));
    }
    out.append("\n\n");
  }
  if (!d.repeated_answers.empty()) {
    out.append(
        "### Short answers many gave word for word\n\nNot campaigns: each "
        "response counts on its own. Answers that only point elsewhere (\"see "
        "attached\") mean the content must be read there.\n\n");
    for (const RepeatedAnswer& r : d.repeated_answers) {
      out.append(fmt::format("- {} responses: \"{}\" ({})\n",
                             FormatCount(r.size), MarkdownEscape(r.text),
                             Code(r.id)));
    }
    out.append("\n");
  }
  return out;
}

std::string OutsideTaxonomySection(const Digest& d) {
  const OutsideTaxonomy& o = d.outside_taxonomy;
  std::string out =
      "## Outside the taxonomy\n\nResponses the model gave no theme, or "
      "flagged for a person to review.\n\n";
  out.append("- Responses: ")
      .append(FormatCount(o.count))
      .append("\n- No theme: ")
      .append(FormatCount(o.no_label))
      .append("\n- Flagged for review: ")
      .append(FormatCount(o.needs_review))
      .append("\n\n### In their words\n\n");
  for (const Quote& q : o.quotes) out.append(QuoteBlock(q));
  if (o.quotes.empty()) out.append("*No quotes.*\n\n");
  out.append("### Sub-themes\n\n")
      .append(SubthemeTable(o.subthemes))
      .append(PhraseTable(o.phrases));
  return out;
}

}  // namespace sift::report::internal::md
