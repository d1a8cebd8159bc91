#ifndef ICTAUDIT_CPCAP_SHIM_H
#define ICTAUDIT_CPCAP_SHIM_H
#include <pcap/pcap.h>
#endif
