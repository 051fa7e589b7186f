// Building blocks of the HTML digest shared by render_html*.cc: sections,
// tables, quotes. All text passed in is data and is escaped here.
#ifndef SIFT_REPORT_SRC_RENDER_HTML_H_
#define SIFT_REPORT_SRC_RENDER_HTML_H_

#include <string>
#include <string_view>
#include <vector>

#include "render.h"

namespace sift::report::internal::html {

// <section id="id"><h2>heading</h2>body</section>. `heading` is escaped;
// `body` is HTML.
std::string Section(std::string_view id, std::string_view heading,
                    std::string_view body);
// A row of headline figures: each (label, value) pair, both escaped.
std::string Figures(
    const std::vector<std::pair<std::string, std::string>>& figures);
// A table of counts with their share of `total`: "<label> | Responses |
// Share". `caption` and labels are escaped.
std::string CountTable(std::string_view caption, std::string_view label_head,
                       const std::vector<Count>& counts, int64_t total);
// A quotation with its attribution (id, respondent type, sector, sentiment).
std::string QuoteBlock(const Quote& quote);
// Distinctive phrases: phrase, responses, mentions, score.
std::string PhraseTable(const std::vector<Phrase>& phrases);
// Sub-themes: name and phrases, responses, mean sentiment, example quote.
std::string SubthemeTable(const std::vector<Subtheme>& subthemes);
// <p class="empty">text</p>
std::string Empty(std::string_view text);

// The sections, in document order.
std::string OverviewSection(const Digest& digest);
std::string PrevalenceSection(const Digest& digest);
std::string SentimentBySectorSection(const Digest& digest);
std::string ThemeSection(const Theme& theme);
std::string CampaignsSection(const Digest& digest);
std::string OutsideTaxonomySection(const Digest& digest);
std::string MethodologySection(const Digest& digest);

}  // namespace sift::report::internal::html

#endif  // SIFT_REPORT_SRC_RENDER_HTML_H_
