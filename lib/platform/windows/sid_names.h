// The account name Windows gives a SID (LookupAccountSidW on the local machine): "alice" for
// S-1-5-21-...-1001, "SYSTEM" for S-1-5-18; "" when no authority names it (a deleted account).
#pragma once

#include <windows.h>

#include <string>

namespace iocscan::platform::win {

std::string AccountNameOfSid(PSID sid);
// The same for "S-1-5-..." text; "" when the text is not a SID either.
std::string AccountNameOfSid(const std::string& sid_text);

}  // namespace iocscan::platform::win
