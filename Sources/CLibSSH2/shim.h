#ifndef ICTAUDIT_CLIBSSH2_SHIM_H
#define ICTAUDIT_CLIBSSH2_SHIM_H
#include <libssh2.h>
#include <libssh2_publickey.h>
#endif
