// Building blocks of the Markdown digest shared by render_markdown*.cc. All
// text passed in is data and is escaped here.
#ifndef SIFT_REPORT_SRC_RENDER_MARKDOWN_H_
#define SIFT_REPORT_SRC_RENDER_MARKDOWN_H_

#include <string>
#include <vector>

#include "render.h"

namespace sift::report::internal::md {

// A GitHub-flavoured table. Cells are Markdown already (escape data with
// MarkdownEscape); `right` marks right-aligned (numeric) columns.
std::string Table(const std::vector<std::string>& head,
                  const std::vector<bool>& right,
                  const std::vector<std::vector<std::string>>& rows);
// "**caption**" then a Label | Responses | Share table.
std::string CountTable(const std::string& caption, const std::string& head,
                       const std::vector<Count>& counts, int64_t total);
// `text` as a code span; escaped plain text when it holds a backtick.
std::string Code(const std::string& text);
// "> text" then "> — id, respondent type, sector, sentiment".
std::string QuoteBlock(const Quote& quote);
std::string PhraseTable(const std::vector<Phrase>& phrases);
std::string SubthemeTable(const std::vector<Subtheme>& subthemes);

std::string ThemeSection(const Theme& theme);
std::string CampaignsSection(const Digest& digest);
std::string OutsideTaxonomySection(const Digest& digest);

}  // namespace sift::report::internal::md

#endif  // SIFT_REPORT_SRC_RENDER_MARKDOWN_H_
