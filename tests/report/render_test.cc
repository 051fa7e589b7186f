// The digest renderers on a hand-written digest (tests/fixtures/
// digest_sample.json): sections, escaping, number formats, greyed-out cells,
// determinism, self-containment and errors naming the field at fault.
#include "sift/report/render.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace sift::report {
namespace {

using ::sift::testing::Occurrences;

using Json = nlohmann::ordered_json;

std::string Fixture() {
  std::ifstream in(SIFT_SOURCE_DIR "/tests/fixtures/digest_sample.json");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Render(const std::string& json, DigestFormat format) {
  Result<std::string> out = RenderDigest(json, format);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : std::string();
}

std::vector<std::string> ThemeIds() {
  return {"ideas",         "people",  "infrastructure", "business_environment",
          "places",        "ai_data", "clean_growth",   "future_mobility",
          "ageing_society"};
}

TEST(ParseDigestFormatTest, KnowsTheFormats) {
  EXPECT_EQ(ParseDigestFormat("html").value(), DigestFormat::kHtml);
  EXPECT_EQ(ParseDigestFormat("md").value(), DigestFormat::kMarkdown);
  EXPECT_EQ(ParseDigestFormat("markdown").value(), DigestFormat::kMarkdown);
  EXPECT_EQ(ParseDigestFormat("json").value(), DigestFormat::kJson);
  for (const char* bad : {"pdf", "", "HTML", "htm"}) {
    Result<DigestFormat> f = ParseDigestFormat(bad);
    ASSERT_FALSE(f.ok()) << bad;
    EXPECT_EQ(f.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(f.status().message().find("html, md"), std::string::npos);
  }
}

TEST(RenderHtmlTest, HasEverySectionWithAHeading) {
  std::string html = Render(Fixture(), DigestFormat::kHtml);
  std::vector<std::string> ids = {
      "overview",  "prevalence",       "sentiment-by-sector",
      "campaigns", "outside-taxonomy", "methodology"};
  for (const std::string& id : ThemeIds()) ids.push_back("theme-" + id);
  for (const std::string& id : ids) {
    std::string open = "<section id=\"" + id + "\"";
    std::size_t at = html.find(open);
    ASSERT_NE(at, std::string::npos) << id;
    EXPECT_EQ(html.find("<h2", at), html.find('>', at) + 2) << id;
  }
  EXPECT_EQ(Occurrences(html, "<section "), ids.size());
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("<h2 id=\"theme-infrastructure-heading\">"
                      "Infrastructure</h2>"),
            std::string::npos);
}

TEST(RenderHtmlTest, IsSelfContainedWithAccessibleCharts) {
  std::string html = Render(Fixture(), DigestFormat::kHtml);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(Occurrences(html, "http://"),
            Occurrences(html, "xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_EQ(Occurrences(html, "url("), Occurrences(html, "url(#"));
  EXPECT_NE(html.find("@page { size: A4"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  // Prevalence, sector heatmap, and one sentiment bar per theme.
  std::size_t charts = Occurrences(html, "<svg ");
  EXPECT_EQ(charts, 2 + ThemeIds().size());
  EXPECT_EQ(Occurrences(html, "role=\"img\""), charts);
  EXPECT_EQ(Occurrences(html, "<title id="), charts);
  EXPECT_EQ(Occurrences(html, "<desc id="), charts);
  // Each chart's numbers are in a table in the same figure.
  for (std::size_t at = html.find("<svg "); at != std::string::npos;
       at = html.find("<svg ", at + 1)) {
    std::size_t table = html.find("<table", at);
    ASSERT_NE(table, std::string::npos);
    EXPECT_LT(table, html.find("</figure>", at));
  }
}

TEST(RenderHtmlTest, EscapesEveryStringFromTheData) {
  std::string html = Render(Fixture(), DigestFormat::kHtml);
  EXPECT_NE(html.find("online? &lt;script&gt;alert(1)&lt;/script&gt; My "
                      "neighbours &amp; I"),
            std::string::npos);
  EXPECT_NE(html.find("is &lt;2 Mbps &amp; frankly"), std::string::npos);
  EXPECT_NE(html.find("&quot;use it or lose it&quot;"), std::string::npos);
  EXPECT_NE(html.find("voluntary &amp; community"), std::string::npos);
  EXPECT_EQ(html.find("<2 Mbps"), std::string::npos);

  Json digest = Json::parse(Fixture());
  digest["title"] = "</title><script>alert('t')</script>";
  digest["themes"][0]["name"] = "Ideas \"& <b>things</b>\"";
  digest["themes"][0]["id"] = "x\" onmouseover=\"alert(2)";
  digest["methodology"]["input_files"][0]["path"] = "<img src=x>";
  html = Render(digest.dump(), DigestFormat::kHtml);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<b>things"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("\" onmouseover"), std::string::npos);
  EXPECT_NE(html.find("<title>&lt;/title&gt;&lt;script&gt;alert(&#39;t&#39;)"),
            std::string::npos);
  EXPECT_NE(html.find("Ideas &quot;&amp; &lt;b&gt;things&lt;/b&gt;&quot;"),
            std::string::npos);
}

TEST(RenderHtmlTest, FormatsNumbersOneWay) {
  Json digest = Json::parse(Fixture());
  digest["overview"]["responses"] = 1234567;
  std::string html = Render(digest.dump(), DigestFormat::kHtml);
  EXPECT_NE(html.find("<dd>1,234,567</dd>"), std::string::npos);
  EXPECT_NE(html.find("1,234,567 responses from 170 respondents; 1 campaign "
                      "of 12 letters"),
            std::string::npos);
  html = Render(Fixture(), DigestFormat::kHtml);
  // Infrastructure: share 0.2714, mean -0.31; Ideas: mean 0.18.
  EXPECT_NE(html.find("<td class=\"num\">27.1%</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">-0.31</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">+0.18</td>"), std::string::npos);
  EXPECT_NE(html.find("Generated 26 November 2026, 10:00 UTC"),
            std::string::npos);
}

TEST(RenderHtmlTest, GreysOutCellsWithFewerThanFiveResponses) {
  Json digest = Json::parse(Fixture());
  std::size_t nulls = 0, shown = 0;
  for (const Json& row : digest["sentiment_by_sector"]["matrix"]) {
    for (const Json& cell : row) {
      if (cell["mean"].is_null()) {
        EXPECT_LT(cell["count"].get<int>(), 5);
        ++nulls;
      } else {
        ++shown;
      }
    }
  }
  ASSERT_GT(nulls, 0u);
  ASSERT_GT(shown, 0u);
  std::string html = Render(Fixture(), DigestFormat::kHtml);
  EXPECT_EQ(Occurrences(html, "<td class=\"na\""), nulls);
  EXPECT_EQ(Occurrences(html, "<td style=\"background:"), shown);
  EXPECT_NE(html.find("<td class=\"na\" title=\"fewer than 5 responses\">"
                      "n&lt;5<small>n=3</small></td>"),
            std::string::npos);
  std::string md = Render(Fixture(), DigestFormat::kMarkdown);
  EXPECT_EQ(Occurrences(md, " n\\<5 |"), nulls);
}

TEST(RenderMarkdownTest, HasEverySectionHeading) {
  std::string md = Render(Fixture(), DigestFormat::kMarkdown);
  std::vector<std::string> headings = {
      "# Hertfordshire Local Industrial Strategy: call for evidence 2019\n",
      "## Overview\n",
      "## Theme prevalence\n",
      "## Sentiment by sector\n",
      "## Ideas\n",
      "## People\n",
      "## Infrastructure\n",
      "## Business Environment\n",
      "## Places\n",
      "## AI and Data Economy\n",
      "## Clean Growth\n",
      "## Future of Mobility\n",
      "## Ageing Society\n",
      "## Campaigns\n",
      "## Outside the taxonomy\n",
      "## Methodology\n"};
  std::size_t last = 0;
  for (const std::string& h : headings) {
    std::size_t at = md.find(h);
    ASSERT_NE(at, std::string::npos) << h;
    EXPECT_GE(at, last) << h << " out of order";
    last = at;
  }
  EXPECT_NE(md.find("**560 responses from 170 respondents; 1 campaign of 12 "
                    "letters.**"),
            std::string::npos);
  EXPECT_NE(md.find("| Infrastructure | Foundation | 152 | 27.1% | 148 | "
                    "-0.31 |"),
            std::string::npos);
}

TEST(RenderMarkdownTest, HasNoHtmlAndQuotesWithAttribution) {
  std::string md = Render(Fixture(), DigestFormat::kMarkdown);
  for (std::size_t at = md.find('<'); at != std::string::npos;
       at = md.find('<', at + 1)) {
    ASSERT_GT(at, 0u);
    EXPECT_EQ(md[at - 1], '\\') << md.substr(at, 40);
  }
  // An '&' that could start an entity reference is escaped; others stay.
  for (std::size_t at = md.find('&'); at != std::string::npos;
       at = md.find('&', at + 1)) {
    if (std::isalnum(static_cast<unsigned char>(md[at + 1])) ||
        md[at + 1] == '#') {
      EXPECT_EQ(md[at - 1], '\\') << md.substr(at, 40);
    }
  }
  EXPECT_NE(md.find("by sift 0.4.0*"), std::string::npos);
  EXPECT_NE(md.find("online? \\<script\\>alert(1)\\</script\\> My neighbours "
                    "& I"),
            std::string::npos);
  EXPECT_NE(md.find("> \u201cThe 724 bus is the only way my staff can get to "
                    "work and it was cut to hourly last year.\u201d\n>\n> "
                    "\u2014 `HLIS-2019-0003/q2`, A business, transport & "
                    "logistics, sentiment -0.60\n"),
            std::string::npos);
  // Table cells keep their pipes escaped.
  Json digest = Json::parse(Fixture());
  digest["themes"][0]["phrases"][0]["text"] = "a | b";
  digest["themes"][0]["quotes"][0]["text"] = "# Not a heading &amp; *not* bold";
  digest["themes"][1]["quotes"][0]["text"] = "1. Not a list [link](x)";
  md = Render(digest.dump(), DigestFormat::kMarkdown);
  EXPECT_NE(md.find("| a \\| b |"), std::string::npos);
  EXPECT_NE(md.find("\u201c\\# Not a heading \\&amp; \\*not\\* bold"),
            std::string::npos);
  EXPECT_NE(md.find("\u201c1\\. Not a list \\[link\\](x)"), std::string::npos);
}

TEST(RenderDigestTest, IsDeterministic) {
  for (DigestFormat f :
       {DigestFormat::kHtml, DigestFormat::kMarkdown, DigestFormat::kJson}) {
    EXPECT_EQ(Render(Fixture(), f), Render(Fixture(), f));
  }
  // Only the generation line follows the "generated" field.
  Json digest = Json::parse(Fixture());
  digest["generated"] = "2027-01-02T03:04:05Z";
  std::string a = Render(Fixture(), DigestFormat::kHtml);
  std::string b = Render(digest.dump(), DigestFormat::kHtml);
  std::size_t at = a.find("Generated 26 November 2026, 10:00 UTC");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(b, a.substr(0, at) + "Generated 2 January 2027, 03:04 UTC" +
                   a.substr(at + 37));
}

TEST(RenderDigestTest, JsonIsThePrettyPrintedData) {
  std::string out = Render(Fixture(), DigestFormat::kJson);
  EXPECT_EQ(Json::parse(out), Json::parse(Fixture()));
  EXPECT_EQ(out.rfind("{\n  \"title\": ", 0), 0u);
}

Status RenderError(const std::string& json) {
  Result<std::string> out = RenderDigest(json, DigestFormat::kHtml);
  EXPECT_FALSE(out.ok());
  return out.ok() ? Status() : out.status();
}

// Repeated short answers sit under the campaigns, escaped, in both
// formats; a digest written before them (no key) renders without them.
TEST(RenderDigestTest, RepeatedShortAnswersUnderCampaigns) {
  Json digest = Json::parse(Fixture());
  ASSERT_FALSE(digest.contains("repeated_answers"));
  EXPECT_EQ(Render(digest.dump(), DigestFormat::kHtml).find("word for word"),
            std::string::npos);
  digest["repeated_answers"] = Json::array({{{"id", "r0123456789"},
                                             {"size", 1350},
                                             {"text", "See <attached> file(s)"},
                                             {"members", {"a1", "a2"}}}});
  const std::string html = Render(digest.dump(), DigestFormat::kHtml);
  EXPECT_NE(html.find("Short answers many gave word for word"),
            std::string::npos);
  EXPECT_NE(html.find("1,350 responses: <q>See &lt;attached&gt; file(s)</q>"),
            std::string::npos);
  const std::string md = Render(digest.dump(), DigestFormat::kMarkdown);
  EXPECT_NE(md.find("- 1,350 responses: "), std::string::npos);
  EXPECT_NE(md.find("`r0123456789`"), std::string::npos);
  digest["repeated_answers"][0].erase("text");
  EXPECT_EQ(RenderError(digest.dump()).message(),
            "digest field repeated_answers[0].text: missing");
}

// Voices are optional (digests before them have none): a theme with them
// shows both sides under their own headings, escaped and attributed.
TEST(RenderDigestTest, CriticalAndSupportiveVoicesUnderTheirTheme) {
  Json digest = Json::parse(Fixture());
  ASSERT_FALSE(digest["themes"][0].contains("voices"));
  EXPECT_EQ(Render(digest.dump(), DigestFormat::kHtml).find("Critical voices"),
            std::string::npos);
  Json quote = digest["themes"][0]["quotes"][0];
  Json critical = quote, supportive = quote;
  critical["text"] = "The A414 is <gridlocked> every morning.";
  critical["sentiment"] = -0.8;
  supportive["text"] = "The new rail link has been a success.";
  supportive["sentiment"] = 0.7;
  digest["themes"][0]["voices"] = {{"negative", Json::array({critical})},
                                   {"positive", Json::array({supportive})}};
  const std::string html = Render(digest.dump(), DigestFormat::kHtml);
  const std::size_t heading = html.find("<h3>Critical voices</h3>");
  ASSERT_NE(heading, std::string::npos);
  EXPECT_NE(html.find("The A414 is &lt;gridlocked&gt; every morning.", heading),
            std::string::npos);
  EXPECT_NE(html.find("<h3>Supportive voices</h3>", heading),
            std::string::npos);
  const std::string md = Render(digest.dump(), DigestFormat::kMarkdown);
  EXPECT_NE(md.find("### Critical voices"), std::string::npos);
  EXPECT_NE(md.find("The new rail link has been a success."),
            std::string::npos);
  digest["themes"][0]["voices"].erase("positive");
  EXPECT_EQ(RenderError(digest.dump()).message(),
            "digest field themes[0].voices.positive: missing");
}

TEST(RenderDigestTest, NamesTheMissingOrWrongField) {
  Json digest = Json::parse(Fixture());
  digest["themes"][2].erase("count");
  Status s = RenderError(digest.dump());
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.message(), "digest field themes[2].count: missing");

  digest = Json::parse(Fixture());
  digest["overview"].erase("by_district");
  EXPECT_EQ(RenderError(digest.dump()).message(),
            "digest field overview.by_district: missing");

  digest = Json::parse(Fixture());
  digest["overview"]["responses"] = "560";
  EXPECT_EQ(RenderError(digest.dump()).message(),
            "digest field overview.responses: must be a whole number");

  digest = Json::parse(Fixture());
  digest["sentiment_by_sector"]["matrix"][1].erase(0);
  EXPECT_NE(RenderError(digest.dump())
                .message()
                .find("sentiment_by_sector.matrix[1]: must have one cell per"),
            std::string::npos);

  digest = Json::parse(Fixture());
  digest["themes"][0]["quotes"][1].erase("id");
  EXPECT_EQ(RenderError(digest.dump()).message(),
            "digest field themes[0].quotes[1].id: missing");

  EXPECT_EQ(RenderError("[1, 2]").message(),
            "digest data: must be a JSON object");
  EXPECT_EQ(RenderError("{\"title\": ").code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(RenderDigest("{}", DigestFormat::kJson).status().message(),
            "digest field title: missing");
}

}  // namespace
}  // namespace sift::report
