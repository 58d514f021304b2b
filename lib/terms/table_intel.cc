// The intel family of the term table.
// Intelligence-only documents: e-mail, network traffic, embedded Snort and YARA rules.
// Source: the vendor term lists digested in openioc-notes.md (sections 10-11) and the terms
// real IOC files use that no vendor list defines (corpus-stats.md). Vendor platform masks are
// the lists' own.
#include "terms/table.h"

namespace iocscan::terms::table {

namespace {

constexpr TermInfo kIntelTerms[] = {
    // Email
    Known("Email/Attachment/Content", kString, kAll, kList, "Attachment Content"),
    Known("Email/Attachment/MIMEType", kString, kAll, kList, "Attachment MIMEType"),
    Known("Email/Attachment/Name", kString, kAll, kList, "Attachment Name"),
    Known("Email/Attachment/SizeInBytes", kInt, kAll, kList, "Attachment Size In Bytes"),
    Known("Email/AttachmentCount", kInt, kAll, kNone, "Attachment Count"),
    Known("Email/BCC", kString, kAll, kNone, "BCC"),
    Known("Email/Body", kString, kAll, kNone, "Body"),
    Known("Email/CC", kString, kAll, kNone, "CC"),
    Known("Email/Content-Type", kString, kAll, kNone, "Content-Type"),
    Known("Email/Date", kDate, kAll, kNone, "Date"),
    Known("Email/From", kString, kAll, kNone, "From"),
    Known("Email/In-Reply-To", kString, kAll, kNone, "In-Reply-To"),
    Known("Email/MIME-Version", kString, kAll, kNone, "MIME-Version"),
    Known("Email/Received", kString, kAll, kNone, "Received"),
    Known("Email/ReceivedFromHost", kString, kAll, kNone, "Received From Host"),
    Known("Email/ReceivedFromIP", kIp, kAll, kNone, "Received From IP"),
    Known("Email/References", kString, kAll, kNone, "References"),
    Known("Email/Return-Path", kString, kAll, kNone, "Return-Path"),
    Known("Email/Subject", kString, kAll, kNone, "Subject"),
    Known("Email/Thread-Index", kString, kAll, kNone, "Thread-Index"),
    Known("Email/Thread-Topic", kString, kAll, kNone, "Thread-Topic"),
    Known("Email/To", kString, kAll, kNone, "To"),
    Known("Email/X-filenames", kString, kAll, kNone, "X-filenames"),
    Known("Email/X-filesizes", kInt, kAll, kNone, "X-filesizes"),
    Known("Email/X-filetypes", kString, kAll, kNone, "X-filetypes"),
    Known("Email/X-MS-Has-Attach", kString, kAll, kNone, "X-MS-Has-Attach"),
    // Network
    Known("Network/DNS", kString, kAll, kNone,
          "DNS name seen in network traffic (intel only) (vendor: unsupported on hosts)"),
    Known("Network/HTTP_Referrer", kString, kAll, kNone,
          "HTTP Referrer (vendor: unsupported on hosts)"),
    Known("Network/String", kString, kAll, kList, "String (vendor: unsupported on hosts)"),
    Known("Network/URI", kString, kAll, kNone,
          "URI seen in network traffic (intel only) (vendor: unsupported on hosts)"),
    Known("Network/UserAgent", kString, kAll, kNone,
          "HTTP User-Agent seen in network traffic (intel only) (vendor: unsupported on hosts)"),
    // Snort
    Known("Snort/Snort", kString, kAll, kNone,
          "A whole Snort rule embedded in the IOC (vendor: unsupported on hosts)"),
    // Yara
    Known("Yara/FileSize", kString, kAll, kNone,
          "YARA file size condition (200KB) (ioc_writer yara.iocterms)"),
    Known("Yara/HexString", kString, kAll, kNone, "YARA hex string (ioc_writer yara.iocterms)"),
    Known("Yara/RegexString", kString, kAll, kNone,
          "YARA regular expression (ioc_writer yara.iocterms)"),
    Known("Yara/RuleName", kString, kAll, kNone, "YARA rule name (ioc_writer yara.iocterms)"),
    Known("Yara/TextString", kString, kAll, kNone, "YARA text string (ioc_writer yara.iocterms)"),
    Known("Yara/Yara", kString, kAll, kNone,
          "A whole YARA rule embedded in the IOC (vendor: unsupported on hosts)"),
};

}  // namespace

std::span<const TermInfo> IntelTerms() { return kIntelTerms; }

}  // namespace iocscan::terms::table
