// Exercise search documents, for the importer: while a SearchDeferral lives, changed
// exercises are only noted; finish() rebuilds their documents once.
#pragma once

namespace fitness::i18n {

class SearchDeferral {
 public:
  SearchDeferral();
  ~SearchDeferral();
  SearchDeferral(const SearchDeferral&) = delete;
  SearchDeferral& operator=(const SearchDeferral&) = delete;
  void finish();  // rebuilds what was noted (may throw)

 private:
  bool finished_ = false;
};

}  // namespace fitness::i18n
