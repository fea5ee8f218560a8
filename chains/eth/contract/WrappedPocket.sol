// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Pausable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Pausable.sol";

/// @title Wrapped POKT (wPOKT)
/// @notice ERC-20 (6 decimals, like POKT) minted by the bridge's Copper vault for
/// POKT deposited on Pocket, and burnt by holders to get POKT back on Pocket.
/// @dev Exactly once on the mint side: every mint carries the recipient's next
/// nonce (userNonce[to] + 1), so a replayed or skipped mint reverts.
/// Pausing blocks mint, burnAndBridge and every transfer (ERC20Pausable).
contract WrappedPocket is ERC20Pausable, AccessControl {
    /// @notice Role of the Copper vault's Ethereum address: may mint.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    /// @notice Role that may pause and unpause the token.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice The last nonce minted to each recipient (0 before the first mint).
    mapping(address => uint256) public userNonce;

    /// @notice A bridge mint of `amount` to `recipient` with the recipient's nonce `nonce`.
    event Minted(address indexed recipient, uint256 indexed amount, uint256 indexed nonce);

    /// @notice `from` burnt `amount` to receive it as POKT at the Pocket address `poktAddress`.
    event BurnAndBridge(uint256 indexed amount, address indexed poktAddress, address indexed from);

    /// @notice An address argument was the zero address.
    error ZeroAddress();
    /// @notice An amount argument was zero.
    error ZeroAmount();
    /// @notice `nonce` is not `recipient`'s next nonce `expected` (already used, or skips one).
    error InvalidNonce(address recipient, uint256 expected, uint256 nonce);

    /// @param admin gets DEFAULT_ADMIN_ROLE (grants and revokes roles) and PAUSER_ROLE.
    /// @param minter gets MINTER_ROLE: the Copper vault's Ethereum address.
    constructor(address admin, address minter) ERC20("Wrapped POKT", "wPOKT") {
        if (admin == address(0) || minter == address(0)) {
            revert ZeroAddress();
        }
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _grantRole(MINTER_ROLE, minter);
    }

    /// @notice wPOKT has 6 decimals, as POKT has.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mints `amount` to `to` for a POKT deposit; `nonce` must be `userNonce[to] + 1`.
    function mint(address to, uint256 amount, uint256 nonce) external onlyRole(MINTER_ROLE) whenNotPaused {
        if (to == address(0)) {
            revert ZeroAddress();
        }
        if (amount == 0) {
            revert ZeroAmount();
        }
        uint256 expected = userNonce[to] + 1;
        if (nonce != expected) {
            revert InvalidNonce(to, expected, nonce);
        }
        userNonce[to] = nonce;
        _mint(to, amount);
        emit Minted(to, amount, nonce);
    }

    /// @notice Burns `amount` of the caller's wPOKT to receive it as POKT at the
    /// Pocket address `poktAddress` (its 20 bytes).
    function burnAndBridge(uint256 amount, address poktAddress) external whenNotPaused {
        if (poktAddress == address(0)) {
            revert ZeroAddress();
        }
        if (amount == 0) {
            revert ZeroAmount();
        }
        _burn(msg.sender, amount);
        emit BurnAndBridge(amount, poktAddress, msg.sender);
    }

    /// @notice Pauses mint, burnAndBridge and transfers.
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @notice Lifts a pause.
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }
}
