// SPDX-License-Identifier: GPL-2.0
/*
 * footfall-tryboot — sets the Raspberry Pi firmware's one-shot tryboot flag when the system restarts.
 *
 * The Pi's firmware reads tryboot.txt instead of config.txt for one boot if the kernel set the
 * tryboot flag (mailbox tag 0x00038064, "set reboot flags", bit 0) just before the restart, and
 * clears the flag as it reads it: a crash, a watchdog reset or a power cut during that boot starts
 * config.txt's system again. The Raspberry Pi kernel fork sets the flag when the restart's argument
 * says "tryboot" (reboot "0 tryboot"); Debian's mainline kernel never does. This module does it for
 * Debian's kernel, for footfall's A/B updates (image/rootfs-rpi/usr/lib/footfall/boot-slot):
 *
 *   armed (a parameter, /sys/module/footfall_tryboot/parameters/armed): 1 means the next restart,
 *   whoever asks for it, sets the flag. A restart whose argument contains "tryboot" sets it too.
 *
 * It says what it did on the console as the system goes down ("footfall-tryboot: ..."): the only
 * trace of the flag a boot leaves, and what scripts/image-test's firmware stand-in reads in QEMU,
 * whose firmware model cannot boot tryboot.txt itself.
 */
#include <linux/module.h>
#include <linux/of.h>
#include <linux/reboot.h>
#include <linux/string.h>
#include <soc/bcm2835/raspberrypi-firmware.h>

/* The Raspberry Pi kernel's RPI_FIRMWARE_SET_REBOOT_FLAGS; mainline's header does not name it. */
#define SET_REBOOT_FLAGS 0x00038064
#define REBOOT_FLAG_TRYBOOT BIT(0)

static bool armed;
module_param(armed, bool, 0644);
MODULE_PARM_DESC(armed, "set the firmware's one-shot tryboot flag at the next restart");

static struct rpi_firmware *fw;

static int footfall_tryboot_restart(struct notifier_block *nb, unsigned long action, void *arg)
{
	const char *cmd = arg;
	u32 flags = REBOOT_FLAG_TRYBOOT;
	int ret;

	if (action != SYS_RESTART || !(READ_ONCE(armed) || (cmd && strstr(cmd, "tryboot"))))
		return NOTIFY_DONE;
	ret = rpi_firmware_property(fw, SET_REBOOT_FLAGS, &flags, sizeof(flags));
	if (ret)
		pr_emerg("footfall-tryboot: the firmware refused the tryboot flag (%d): the next boot reads config.txt\n", ret);
	else
		pr_emerg("footfall-tryboot: tryboot flag set: the next boot reads tryboot.txt\n");
	return NOTIFY_DONE;
}

static struct notifier_block footfall_tryboot_nb = {
	.notifier_call = footfall_tryboot_restart,
};

static int __init footfall_tryboot_init(void)
{
	struct device_node *np;

	np = of_find_compatible_node(NULL, NULL, "raspberrypi,bcm2835-firmware");
	if (!np) {
		pr_err("footfall-tryboot: no Raspberry Pi firmware node in the device tree\n");
		return -ENODEV;
	}
	fw = rpi_firmware_get(np);
	of_node_put(np);
	if (!fw) {
		pr_err("footfall-tryboot: the Raspberry Pi firmware driver has not started\n");
		return -EPROBE_DEFER;
	}
	return register_reboot_notifier(&footfall_tryboot_nb);
}

static void __exit footfall_tryboot_exit(void)
{
	unregister_reboot_notifier(&footfall_tryboot_nb);
	rpi_firmware_put(fw);
}

module_init(footfall_tryboot_init);
module_exit(footfall_tryboot_exit);
MODULE_DESCRIPTION("Sets the Raspberry Pi firmware's tryboot flag at restart (footfall's A/B updates)");
MODULE_LICENSE("GPL");
