#include "platform/windows/sid_names.h"

#include <sddl.h>

#include "platform/windows/win_text.h"

namespace iocscan::platform::win {

std::string AccountNameOfSid(PSID sid) {
  wchar_t name[256], domain[256];
  DWORD name_len = 256, domain_len = 256;
  SID_NAME_USE use;
  if (!::LookupAccountSidW(nullptr, sid, name, &name_len, domain, &domain_len, &use)) return "";
  return Utf8(std::wstring_view(name, name_len));
}

std::string AccountNameOfSid(const std::string& sid_text) {
  PSID sid = nullptr;
  if (!::ConvertStringSidToSidW(Wide(sid_text).c_str(), &sid)) return "";
  std::string name = AccountNameOfSid(sid);
  ::LocalFree(sid);
  return name;
}

}  // namespace iocscan::platform::win
